package org.mdms.imaging.support;

import io.quarkus.panache.common.Sort;
import org.mdms.common.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ?page=&size=&sort=field,dir parsed against the fields a list allows (API name -> entity property). */
public record PageRequest(int page, int size, Sort sort) {

    public static final int MAX_SIZE = 200;
    /** The deepest row a page may reach ((page + 1) × size); deeper, the database would scan everything before it. */
    public static final long MAX_ROWS = 1_000_000;

    public static PageRequest parse(Integer page, Integer size, String sort, Map<String, String> sortable,
                                    String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        // a bad page and a bad size are reported together, as all violations are
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (p < 0) {
            errors.add(new DomainException.FieldError("page", "page must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            errors.add(new DomainException.FieldError("size", "size must be between 1 and " + MAX_SIZE));
        }
        // a bad sort is reported with a bad page or size: every bad parameter at once
        String spec = sort == null || sort.isBlank() ? defaultSort : sort;
        String[] parts = spec.split(",", -1);
        String property = sortable.get(parts[0].trim());
        String dir = parts.length > 1 ? parts[1].trim().toLowerCase() : "asc";
        if (property == null || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
            errors.add(new DomainException.FieldError("sort", sortMessage(sortable.keySet(), spec)));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (((long) p + 1) * s > MAX_ROWS) {
            throw DomainException.invalid("page", "(page + 1) × size may not exceed " + MAX_ROWS
                    + "; narrow the list with its filters");
        }
        Sort.Direction direction = dir.equals("desc") ? Sort.Direction.Descending : Sort.Direction.Ascending;
        // a stable tie-breaker so pages never overlap
        Sort order = Sort.by(property, direction);
        if (!property.equals("id")) {
            order = order.and("id", direction);
        }
        return new PageRequest(p, s, order);
    }

    /** The wording of a refused sort, the same in the three services. */
    static String sortMessage(java.util.Collection<String> fields, String value) {
        return "must be one of " + String.join(", ", new java.util.TreeSet<>(fields))
                + ", optionally followed by ,asc or ,desc, got '" + value + "'";
    }
}
