package org.mdms.records.patient;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Like;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class PatientRepository implements PanacheRepository<Patient> {

    public record Criteria(String search, String name, String mrn, String phone, String idNumber,
                           boolean includeDeleted) {
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
