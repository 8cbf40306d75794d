package org.mdms.records.common;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import java.util.ArrayList;
import java.util.List;

/** The WHERE clause of a list, built from optional criteria: a criterion that is null is simply not applied. */
public final class Filter {

    private final List<String> clauses = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** {@code property = value} when value is given. */
    public Filter equal(String property, Object value) {
        return where(property + " = :" + property, property, value);
    }

    /** {@code property >= value} when value is given (the start of a time window). */
    public Filter atOrAfter(String property, Object value) {
        return where(property + " >= :" + property + "From", property + "From", value);
    }

    /** {@code property < value} when value is given (the exclusive end of a time window). */
    public Filter before(String property, Object value) {
        return where(property + " < :" + property + "To", property + "To", value);
    }

    /** Any clause with one named parameter, applied when value is given. */
    public Filter where(String clause, String parameter, Object value) {
        if (value != null) {
            clauses.add(clause);
            parameters.and(parameter, value);
        }
        return this;
    }

    public <E> PanacheQuery<E> find(PanacheRepository<E> repository, Sort sort) {
        return repository.find(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), sort, parameters);
    }
}
