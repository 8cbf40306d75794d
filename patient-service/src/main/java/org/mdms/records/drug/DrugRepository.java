package org.mdms.records.drug;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class DrugRepository implements PanacheRepository<Drug> {

    public record Criteria(String search, String category, Boolean active) {
    }

    /** Prefix matches on the indexed code, name and generic name; category and active match exactly. */
    public PanacheQuery<Drug> search(Criteria criteria, Sort sort) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (criteria.search() != null && !criteria.search().isBlank()) {
            where.add("(code like :prefix or name like :prefix or genericName like :prefix)");
            params.and("prefix", escapeLike(criteria.search().strip()) + "%");
        }
        if (criteria.category() != null && !criteria.category().isBlank()) {
            where.add("category = :category");
            params.and("category", criteria.category().strip());
        }
        if (criteria.active() != null) {
            where.add("active = :active");
            params.and("active", criteria.active());
        }
        return find(where.isEmpty() ? "1 = 1" : String.join(" and ", where), sort, params);
    }

    /** A user typing '%' or '_' means the character, not a wildcard. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
