package org.mdms.analytics.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Sql;
import org.mdms.common.DomainException;

/** The dimensions a question names (department, doctor, patient): 404 when the warehouse does not know them. */
@ApplicationScoped
public class DimensionQueries {

    private static final String DEPARTMENT = "SELECT id FROM dim_department WHERE id = ?";
    private static final String DOCTOR = "SELECT id FROM dim_staff WHERE id = ? AND kind = 'DOCTOR'";
    private static final String PATIENT = "SELECT id FROM dim_patient WHERE id = ?";

    private final Pool pool;

    public DimensionQueries(Pool pool) {
        this.pool = pool;
    }

    /** Nothing to check for a question asked without a department. */
    public Uni<Void> requireDepartment(Long departmentId) {
        return departmentId == null ? Uni.createFrom().voidItem() : require(DEPARTMENT, "department", departmentId);
    }

    /** Nothing to check for a question asked without a doctor. */
    public Uni<Void> requireDoctor(Long doctorId) {
        return doctorId == null ? Uni.createFrom().voidItem() : require(DOCTOR, "doctor", doctorId);
    }

    public Uni<Void> requirePatient(long patientId) {
        return require(PATIENT, "patient", patientId);
    }

    private Uni<Void> require(String sql, String what, long id) {
        return Sql.query(pool, sql, id).map(rows -> {
            if (rows.size() == 0) {
                throw notFound(what, id);
            }
            return null;
        });
    }

    /** 404 for a department, doctor, drug or patient the warehouse does not know. */
    public static DomainException notFound(String what, Object id) {
        return DomainException.notFound(what + " " + id + " does not exist in the warehouse");
    }
}
