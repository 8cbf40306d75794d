package org.mdms.records.drug;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;

@ApplicationScoped
public class DrugRepository implements PanacheRepository<Drug> {

    public record Criteria(String search, String category, Boolean active) {
    }

    /** Prefix matches on the indexed code, name and generic name; category and active match exactly. */
    public PanacheQuery<Drug> search(Criteria criteria, Sort sort) {
        String search = blankToNull(criteria.search());
        return new Filter()
                .where("(code like :prefix escape '!' or name like :prefix escape '!' "
                        + "or genericName like :prefix escape '!')", "prefix",
                        Like.prefix(search))
                .equal("category", blankToNull(criteria.category()))
                .equal("active", criteria.active())
                .find(this, sort);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
