package org.mdms.imaging.support;

import org.mdms.imaging.error.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The query parameters of one request parsed together: each parser still refuses its own bad values, and this
 * collects those refusals so a request with several bad parameters is answered with all of them at once (sorted by
 * field), as a body with several violations is.
 */
public final class QueryChecks {

    private final List<DomainException.FieldError> errors = new ArrayList<>();

    /** The parsed value, or null when the parser refused it (its faults are kept for {@link #refuseIfAny()}). */
    public <T> T check(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (DomainException e) {
            if (e.status() != 400 || e.errors().isEmpty()) {
                throw e;
            }
            errors.addAll(e.errors());
            return null;
        }
    }

    /** One 400 naming every bad parameter, when there is any. */
    public void refuseIfAny() {
        if (!errors.isEmpty()) {
            List<DomainException.FieldError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing(DomainException.FieldError::field));
            throw DomainException.badInput(sorted);
        }
    }
}
