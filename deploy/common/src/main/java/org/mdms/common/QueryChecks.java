package org.mdms.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The query parameters of one request checked together: each bad parameter is collected (refused by a parser that
 * throws a 400 {@link DomainException}, or by {@link #refuse}) and {@link #refuseIfAny()} answers them all at once,
 * sorted by field, as a body with several violations is. The one collector of the three services.
 */
public class QueryChecks {

    private final List<DomainException.FieldError> errors = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();

    /** The parsed value, or null when the parser refused it (its faults are kept for {@link #refuseIfAny()}). */
    public <T> T check(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DomainException e) {
            if (e.status() != 400 || e.errors().isEmpty()) {
                throw e;
            }
            e.errors().forEach(error -> refuse(error.field(), error.message()));
            return null;
        }
    }

    public void refuse(String field, String message) {
        errors.add(new DomainException.FieldError(field, message));
        refused.add(field);
    }

    /** True when this parameter was refused already (a check built on it would only repeat the fault). */
    public boolean refused(String field) {
        return refused.contains(field);
    }

    /** One 400 naming every bad parameter (sorted by name), when there is any. */
    public void refuseIfAny() {
        if (!errors.isEmpty()) {
            List<DomainException.FieldError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing(DomainException.FieldError::field));
            throw DomainException.invalid(sorted);
        }
    }
}
