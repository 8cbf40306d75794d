package org.mdms.records.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.alert.AlertDtos.RuleRequest;
import org.mdms.records.alert.AlertDtos.RuleView;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.common.Page;
import org.mdms.records.department.DepartmentRepository;
import org.mdms.records.patient.PatientRepository;

import java.util.ArrayList;
import java.util.List;

/**
 * Alert rules. Admins write every rule (the hospital's defaults, a department's, a patient's); a doctor who treats a
 * patient (or holds break-the-glass access) may write that patient's overrides, nothing else: thresholds for one
 * patient are a clinical decision about them. Staff read the defaults and department rules; a patient's overrides
 * only when they may read that patient's vital signs.
 */
@ApplicationScoped
public class AlertRuleService {

    private static final String RESOURCE = "ALERT_RULE";

    private final AlertRuleRepository rules;
    private final PatientRepository patients;
    private final DepartmentRepository departments;
    private final CareRelationship care;
    private final AuditLog audit;

    AlertRuleService(AlertRuleRepository rules, PatientRepository patients, DepartmentRepository departments,
                     CareRelationship care, AuditLog audit) {
        this.rules = rules;
        this.patients = patients;
        this.departments = departments;
        this.care = care;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Page<RuleView>> search(AlertRuleRepository.Criteria criteria, PageRequest page, Caller caller) {
        Uni<?> allowed = criteria.patientId() == null || caller.is(Role.ADMIN) ? Uni.createFrom().voidItem()
                : care.requireClinical(criteria.patientId(), caller);
        // without a patient, non-admins see the rules that are not about one patient
        AlertRuleRepository.Criteria query = criteria.patientId() == null && !caller.is(Role.ADMIN)
                ? new AlertRuleRepository.Criteria(criteria.code(), criteria.vitalType(), criteria.departmentId(),
                null, true)
                : criteria;
        return allowed.chain(() -> Page.of(rules.search(query, page.sort()), page, RuleView::of));
    }

    @WithTransaction
    public Uni<RuleView> get(long id, Caller caller) {
        return found(id).call(rule -> rule.getPatientId() == null || caller.is(Role.ADMIN)
                        ? Uni.createFrom().voidItem() : care.requireClinical(rule.getPatientId(), caller))
                .map(RuleView::of);
    }

    @WithTransaction
    public Uni<RuleView> create(RuleRequest request, Caller caller) {
        check(request);
        AlertRule rule = new AlertRule();
        return mayWrite(request.patientId(), caller)
                .call(() -> references(request))
                .call(() -> unique(request, null))
                .chain(() -> {
                    apply(rule, request, caller);
                    return rules.persist(rule);
                })
                .call(saved -> auditWrite(caller, Action.CREATE, saved))
                .map(RuleView::of);
    }

    @WithTransaction
    public Uni<RuleView> update(long id, RuleRequest request, Caller caller) {
        check(request);
        return found(id)
                .call(rule -> mayWrite(rule.getPatientId(), caller))
                .call(() -> mayWrite(request.patientId(), caller))
                .call(() -> references(request))
                .call(rule -> unique(request, rule.getId()))
                .invoke(rule -> apply(rule, request, caller))
                .call(rules::flush)
                .call(rule -> auditWrite(caller, Action.UPDATE, rule))
                .map(RuleView::of);
    }

    /** Removes a department's or patient's rule (the default applies again); the defaults are only disabled. */
    @WithTransaction
    public Uni<Void> delete(long id, Caller caller) {
        return found(id)
                .call(rule -> mayWrite(rule.getPatientId(), caller))
                .invoke(rule -> {
                    if (rule.getPatientId() == null && rule.getDepartmentId() == null) {
                        throw DomainException.conflict("id", "rule " + id + " is a hospital default; set enabled "
                                + "to false instead of deleting it");
                    }
                })
                .call(rule -> auditWrite(caller, Action.DELETE, rule))
                .call(rules::delete)
                .replaceWithVoid();
    }

    private Uni<AlertRule> found(long id) {
        return rules.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("alert rule", id));
    }

    /** Admins anything; a doctor only a patient's rule, of a patient they may write clinical data for. */
    private Uni<Void> mayWrite(Long patientId, Caller caller) {
        if (caller.is(Role.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        if (!caller.is(Role.DOCTOR) || patientId == null) {
            return Uni.createFrom().failure(DomainException.forbidden("admins write alert rules; a doctor only a "
                    + "rule of one patient they treat (patientId)"));
        }
        return care.requireWrite(patientId, caller).replaceWithVoid();
    }

    private static void check(RuleRequest request) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (request.departmentId() != null && request.patientId() != null) {
            errors.add(new DomainException.FieldError("patientId", "a rule is for one department or one patient, "
                    + "not both"));
        }
        if (request.kind() == RuleKind.VITAL_SIGN) {
            if (request.vitalType() == null) {
                errors.add(new DomainException.FieldError("vitalType", "a VITAL_SIGN rule needs vitalType"));
            }
            if (request.below() == null && request.above() == null) {
                errors.add(new DomainException.FieldError("below", "a VITAL_SIGN rule needs below, above or both"));
            }
            if (request.below() != null && request.above() != null && request.below().compareTo(request.above()) >= 0) {
                errors.add(new DomainException.FieldError("above", "above must be greater than below"));
            }
            if (request.silentAfterSeconds() != null) {
                errors.add(new DomainException.FieldError("silentAfterSeconds", "only for DEVICE_SILENT rules"));
            }
        } else if (request.kind() == RuleKind.DEVICE_SILENT) {
            if (request.silentAfterSeconds() == null) {
                errors.add(new DomainException.FieldError("silentAfterSeconds", "a DEVICE_SILENT rule needs "
                        + "silentAfterSeconds"));
            }
            if (request.vitalType() != null || request.below() != null || request.above() != null) {
                errors.add(new DomainException.FieldError("vitalType", "a DEVICE_SILENT rule has no vitalType, "
                        + "below or above"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private Uni<Void> references(RuleRequest request) {
        Uni<Void> patient = request.patientId() == null ? Uni.createFrom().voidItem()
                : patients.findById(request.patientId()).invoke(found -> {
                    if (found == null || found.isDeleted()) {
                        throw DomainException.unknownReference("patientId", "patient", request.patientId());
                    }
                }).replaceWithVoid();
        return patient.chain(() -> request.departmentId() == null ? Uni.createFrom().voidItem()
                : departments.findById(request.departmentId()).invoke(found -> {
                    if (found == null) {
                        throw DomainException.unknownReference("departmentId", "department", request.departmentId());
                    }
                }).replaceWithVoid());
    }

    /** One rule per code and scope (uq_alert_rule_scope backs it up). */
    private Uni<Void> unique(RuleRequest request, Long self) {
        String scope = (request.departmentId() == null ? " and departmentId is null" : " and departmentId = :department")
                + (request.patientId() == null ? " and patientId is null" : " and patientId = :patient");
        Parameters params = Parameters.with("code", request.code());
        if (request.departmentId() != null) {
            params.and("department", request.departmentId());
        }
        if (request.patientId() != null) {
            params.and("patient", request.patientId());
        }
        return rules.find("code = :code" + scope, params).firstResult()
                .invoke(other -> {
                    if (other != null && !other.getId().equals(self)) {
                        throw DomainException.conflict("code", "rule " + request.code() + " exists for this scope "
                                + "(id " + other.getId() + "); change that one");
                    }
                })
                .replaceWithVoid();
    }

    private static void apply(AlertRule rule, RuleRequest request, Caller caller) {
        rule.setCode(request.code());
        rule.setKind(request.kind());
        rule.setVitalType(request.vitalType());
        rule.setDepartmentId(request.departmentId());
        rule.setPatientId(request.patientId());
        rule.setSeverity(request.severity());
        rule.setBelow(request.below());
        rule.setAbove(request.above());
        rule.setSustainSeconds(request.sustainSeconds() == null ? 0 : request.sustainSeconds());
        rule.setResolveAfterSeconds(request.resolveAfterSeconds() == null ? 60 : request.resolveAfterSeconds());
        rule.setEscalateAfterSeconds(request.escalateAfterSeconds() == null ? 300 : request.escalateAfterSeconds());
        rule.setSilentAfterSeconds(request.silentAfterSeconds());
        rule.setEnabled(request.enabled() == null || request.enabled());
        rule.setUpdatedBy(caller.username());
    }

    private Uni<Void> auditWrite(Caller caller, Action action, AlertRule rule) {
        return Panache.getSession().chain(session -> audit.record(session, caller, action, RESOURCE, rule.getId(),
                rule.getPatientId(), rule.getCode() + " " + rule.scope()));
    }
}
