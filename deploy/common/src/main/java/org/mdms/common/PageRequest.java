package org.mdms.common;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ?page=&size=&sort=field,dir parsed and checked against the fields a list allows to sort by
 * (API names mapped to entity properties), so a bad sort is a 400 naming the parameter, never a SQL error.
 * The one paging rule of the three services.
 */
public record PageRequest(int page, int size, Sort sort) {

    public static final int MAX_SIZE = 200;
    /** The deepest row a page may reach ((page + 1) × size); deeper, the database would scan everything before it. */
    public static final long MAX_ROWS = 1_000_000;

    public static PageRequest of(Integer page, Integer size, String sort, Map<String, String> sortable, String defaultSort) {
        int pageNumber = page == null ? 0 : page;
        int pageSize = size == null ? 20 : size;
        // a bad page and a bad size are reported together, as all violations are
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (pageNumber < 0) {
            errors.add(new DomainException.FieldError("page", "page must be 0 or more"));
        }
        if (pageSize < 1 || pageSize > MAX_SIZE) {
            errors.add(new DomainException.FieldError("size", "size must be between 1 and " + MAX_SIZE));
        }
        // a bad sort is reported with a bad page or size: every bad parameter at once
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = spec.split(",", -1);
        String property = sortable.get(parts[0].trim());
        String dir = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
        if (property == null || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
            errors.add(new DomainException.FieldError("sort", sortMessage(sortable.keySet(), List.of("asc", "desc"), spec)));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (((long) pageNumber + 1) * pageSize > MAX_ROWS) {
            throw DomainException.invalid("page", "(page + 1) × size may not exceed " + MAX_ROWS
                    + "; narrow the list with its filters");
        }
        Sort.Direction direction = dir.equals("desc") ? Sort.Direction.Descending : Sort.Direction.Ascending;
        // a unique tie-breaker keeps pages stable when many rows share the sort value
        Sort order = Sort.by(property, direction);
        if (!property.equals("id")) {
            order = order.and("id", direction);
        }
        return new PageRequest(pageNumber, pageSize, order);
    }

    public Page panachePage() {
        return Page.of(page, size);
    }

    /**
     * The message of a refused sort, the same in the three services: "must be one of createdAt, id, name, optionally
     * followed by ,asc or ,desc, got 'X'" (or "followed by ,desc" where a list has one order only).
     */
    public static String sortMessage(Collection<String> fields, List<String> directions, String value) {
        String suffix = directions.contains("asc") && directions.contains("desc")
                ? "optionally followed by ,asc or ,desc"
                : "followed by ," + String.join(" or ,", directions);
        return "must be one of " + String.join(", ", new TreeSet<>(fields)) + ", " + suffix + ", got '" + value + "'";
    }
}
