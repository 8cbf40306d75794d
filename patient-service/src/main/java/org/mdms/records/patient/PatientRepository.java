package org.mdms.records.patient;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.CareRelationship;
import org.mdms.records.common.Like;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class PatientRepository implements PanacheRepository<Patient> {

    public record Criteria(String search, String name, String mrn, String phone, String idNumber,
                           boolean includeDeleted) {
    }

    public record WithCareAnswer(Patient patient, Object careAnswer) {
    }

    private static final String FIND_WITH_CARE_ANSWER = "SELECT p.*, " + CareRelationship.CLINICAL_ANSWER
            + " AS care_answer FROM patient p LEFT JOIN staff s ON s.id = ?2 AND s.active WHERE p.id = ?1";

    /**
     * The patient and, in the same statement, the care answer of a doctor, nurse or technician
     * ({@link CareRelationship#CLINICAL_ANSWER}): the guarded read asks the database once before its audit row.
     * Null for an unknown patient.
     */
    public Uni<WithCareAnswer> findWithCareAnswer(long id, Caller caller) {
        return Panache.getSession().chain(session -> CareRelationship.bindCaller(session.createNativeQuery(
                                FIND_WITH_CARE_ANSWER, session.getResultSetMapping(Object[].class,
                                        Patient.WITH_CARE_ANSWER))
                        .setParameter(1, id), caller)
                        .getSingleResultOrNull())
                .map(row -> row == null ? null : new WithCareAnswer((Patient) row[0], row[1]));
    }

    /** Each criterion is an indexed prefix or equality match, so searches stay fast with millions of patients. */
    public PanacheQuery<Patient> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!criteria.includeDeleted()) {
            where.add("deletedAt is null");
        }
        if (present(criteria.search())) {
            where.add("(name like :searchPrefix escape '!' or mrn = :search or phone = :search "
                    + "or idNumber = :search)");
            params.and("searchPrefix", Like.prefix(criteria.search())).and("search", criteria.search().strip());
        }
        if (present(criteria.name())) {
            where.add("name like :namePrefix escape '!'");
            params.and("namePrefix", Like.prefix(criteria.name()));
        }
        if (present(criteria.mrn())) {
            where.add("mrn = :mrn");
            params.and("mrn", criteria.mrn().strip());
        }
        if (present(criteria.phone())) {
            where.add("phone = :phone");
            params.and("phone", criteria.phone().strip());
        }
        if (present(criteria.idNumber())) {
            where.add("idNumber = :idNumber");
            params.and("idNumber", criteria.idNumber().strip());
        }
        return find(where.isEmpty() ? "1 = 1" : String.join(" and ", where), sort, params);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
