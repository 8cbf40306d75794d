package org.mdms.records.care;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.audit.AuditLog.Action;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.EmergencyAccessDtos.EmergencyAccessView;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.patient.PatientRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Break-the-glass: a reason, a time limit, an audit entry, and a list for admins. */
@ApplicationScoped
public class EmergencyAccessService {

    private final EmergencyAccessRepository grants;
    private final PatientRepository patients;
    private final AuditLog audit;
    private final CareSettings settings;

    EmergencyAccessService(EmergencyAccessRepository grants, PatientRepository patients, AuditLog audit,
                           CareSettings settings) {
        this.grants = grants;
        this.patients = patients;
        this.audit = audit;
        this.settings = settings;
    }

    @WithTransaction
    public Uni<EmergencyAccessView> grant(long patientId, String reason, Caller caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return patients.findById(patientId)
                .invoke(patient -> {
                    if (patient == null || patient.isDeleted()) {
                        throw DomainException.notFound("patient", patientId);
                    }
                })
                .chain(patient -> grants.persist(EmergencyAccess.grant(patientId, caller.userId(), caller.username(),
                        caller.role().name(), reason.strip(), now, now.plus(settings.emergencyAccessDuration()))))
                .call(grant -> Panache.getSession().chain(session -> audit.record(session, caller,
                        Action.BREAK_GLASS, "PATIENT", patientId, patientId, "until " + grant.getExpiresAt()
                                + ": " + grant.getReason())))
                .map(EmergencyAccessView::of);
    }

    @WithSession
    public Uni<Page<EmergencyAccessView>> list(Long patientId, Long userId, boolean activeOnly, PageRequest page) {
        return Page.of(grants.search(patientId, userId, activeOnly ? Instant.now() : null, page.sort()), page,
                EmergencyAccessView::of);
    }
}
