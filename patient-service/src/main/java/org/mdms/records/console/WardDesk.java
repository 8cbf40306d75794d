package org.mdms.records.console;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.alert.AlertDtos.AlertView;
import org.mdms.records.alert.AlertService;
import org.mdms.records.alert.AlertStatus;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.care.LiveCare;
import org.mdms.records.patient.Patient;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.vitals.VitalType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the ward view and the alert inbox show: the patients of a ward (an OPEN visit in the department) the caller
 * may read, and the unresolved alerts through the alert list's own service and rules. The ward view is for the
 * department's doctors and nurses and for admins.
 */
@ApplicationScoped
public class WardDesk {

    /** The unresolved alerts shown at most, per status. */
    static final int SHOWN = 100;

    public record Department(long id, String name, String hospitalName) {
    }

    /** A patient of the ward with their unresolved alerts (the newest readings arrive over the ward stream). */
    public record Bed(long patientId, String name, String mrn, List<AlertView> alerts) {
    }

    public record WardView(Department department, List<Bed> beds, List<VitalType> types) {
    }

    /** An alert with the patient's name and MRN. */
    public record AlertRow(AlertView alert, String patientName, String patientMrn) {

        public boolean open() {
            return alert.status() == AlertStatus.OPEN;
        }
    }

    private final Pool pool;
    private final LiveCare care;
    private final AlertService alerts;
    private final ConsoleLookups lookups;

    WardDesk(Pool pool, LiveCare care, AlertService alerts, ConsoleLookups lookups) {
        this.pool = pool;
        this.care = care;
        this.alerts = alerts;
        this.lookups = lookups;
    }

    /** The department of a doctor or nurse; null for anyone else. */
    public Uni<Long> ownDepartment(Caller caller) {
        if (!(caller.is(Role.DOCTOR) || caller.is(Role.NURSE)) || caller.staffId() == null) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT department_id FROM staff WHERE id = ? AND active")
                .execute(Tuple.of(caller.staffId()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("department_id"));
    }

    public Uni<List<Department>> departments() {
        return pool.query("SELECT d.id, d.name, h.name AS hospital_name FROM department d "
                        + "JOIN hospital h ON h.id = d.hospital_id ORDER BY h.name, d.name, d.id")
                .execute()
                .map(rows -> {
                    List<Department> all = new ArrayList<>();
                    rows.forEach(row -> all.add(department(row)));
                    return all;
                });
    }

    /** 403 unless admin or a doctor or nurse of the department; 404 for an unknown department. */
    public Uni<WardView> ward(long departmentId, Caller caller) {
        return mayOpenWard(departmentId, caller)
                .chain(() -> pool.preparedQuery("SELECT d.id, d.name, h.name AS hospital_name FROM department d "
                                + "JOIN hospital h ON h.id = d.hospital_id WHERE d.id = ?")
                        .execute(Tuple.of(departmentId)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw DomainException.notFound("department", departmentId);
                    }
                    return department(rows.iterator().next());
                })
                .chain(department -> wardPatients(departmentId, caller)
                        .chain(patients -> unresolved(departmentId, caller).map(open -> {
                            List<Bed> beds = patients.stream().map(p -> new Bed(p.getId(), p.getName(), p.getMrn(),
                                    open.stream().filter(a -> a.patientId() == p.getId()).toList())).toList();
                            return new WardView(department, beds, Arrays.asList(VitalType.values()));
                        })));
    }

    /** The open and acknowledged alerts the caller may see (in a department, when given), most severe first. */
    public Uni<List<AlertRow>> inbox(Long departmentId, Caller caller) {
        return unresolved(departmentId, caller).chain(open -> lookups.patients(open.stream()
                        .map(AlertView::patientId).toList())
                .map(names -> open.stream().map(alert -> {
                    Patient patient = names.get(alert.patientId());
                    return new AlertRow(alert, patient == null ? null : patient.getName(),
                            patient == null ? null : patient.getMrn());
                }).toList()));
    }

    private Uni<List<AlertView>> unresolved(Long departmentId, Caller caller) {
        PageRequest page = PageRequest.of(0, SHOWN, null, AlertService.SORTABLE, "severity,desc");
        TimeWindow always = new TimeWindow(null, null);
        return alerts.search(new AlertService.Criteria(AlertStatus.OPEN, null, null, departmentId, always), page,
                        caller)
                .chain(open -> alerts.search(new AlertService.Criteria(AlertStatus.ACKNOWLEDGED, null, null,
                                departmentId, always), page, caller)
                        .map(acknowledged -> Stream.concat(open.items().stream(), acknowledged.items().stream())
                                .sorted(Comparator.comparing((AlertView a) -> a.severity().ordinal()).reversed()
                                        .thenComparing(AlertView::openedAt, Comparator.reverseOrder()))
                                .toList()));
    }

    private Uni<Void> mayOpenWard(long departmentId, Caller caller) {
        if (caller.is(Role.ADMIN)) {
            return Uni.createFrom().voidItem();
        }
        return ownDepartment(caller).invoke(own -> {
            if (own == null || own != departmentId) {
                throw DomainException.forbidden("the ward view is for the department's doctors and nurses");
            }
        }).replaceWithVoid();
    }

    /** Patients with an OPEN visit in the department whose vital signs the caller may read. */
    private Uni<List<Patient>> wardPatients(long departmentId, Caller caller) {
        LiveCare.Viewer viewer = care.viewer(caller, Duration.ZERO);
        return pool.preparedQuery("SELECT DISTINCT patient_id FROM visit WHERE department_id = ? AND status = 'OPEN'")
                .execute(Tuple.of(departmentId))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("patient_id")));
                    Uni<List<Long>> readable = Uni.createFrom().item(new ArrayList<>());
                    for (Long id : ids) {
                        readable = readable.call(list -> viewer.readsClinical(id).invoke(reads -> {
                            if (reads) {
                                list.add(id);
                            }
                        }));
                    }
                    return readable;
                })
                .chain(ids -> lookups.patients(ids))
                .map(found -> found.values().stream().sorted(Comparator.comparing(Patient::getName,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Patient::getId)).toList());
    }

    private static Department department(Row row) {
        return new Department(row.getLong("id"), row.getString("name"), row.getString("hospital_name"));
    }
}
