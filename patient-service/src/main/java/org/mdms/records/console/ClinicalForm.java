package org.mdms.records.console;

import jakarta.validation.ConstraintViolation;
import org.mdms.common.DomainException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the user typed into a form and the API's errors for it, keyed by the API's field names (problem+json
 * errors[].field), so each message is shown beside the field it names. Errors naming no field of the form go to
 * {@link #general()}.
 */
public class ClinicalForm {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private String general;

    public static ClinicalForm empty() {
        return new ClinicalForm();
    }

    /** What was typed, without its errors (a form still being written). */
    public ClinicalForm valuesOnly() {
        ClinicalForm copy = new ClinicalForm();
        copy.values.putAll(values);
        return copy;
    }

    public ClinicalForm with(String field, Object value) {
        values.put(field, value == null ? "" : value.toString());
        return this;
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean checked(String field) {
        return "true".equals(values.get(field)) || "on".equals(values.get(field));
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty() || general != null;
    }

    public String general() {
        return general;
    }

    public ClinicalForm reject(String field, String message) {
        errors.merge(field, message, (a, b) -> a + "; " + b);
        return this;
    }

    /**
     * Bean Validation on a request record: the property path is the API's field path (items[0].quantity). A field
     * the form could not even read (a number that is not one) keeps that error rather than also "must not be null".
     */
    public ClinicalForm reject(Set<? extends ConstraintViolation<?>> violations) {
        Set<String> unreadable = Set.copyOf(errors.keySet());
        violations.stream()
                .filter(v -> !unreadable.contains(v.getPropertyPath().toString()))
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> reject(v.getPropertyPath().toString(), v.getMessage()));
        return this;
    }

    /** A refusal from a service (400, 409, 422): its field errors beside the fields, the rest on top of the form. */
    public ClinicalForm reject(DomainException refused, Set<String> formFields) {
        List<DomainException.FieldError> fieldErrors = refused.errors();
        boolean placed = false;
        for (DomainException.FieldError error : fieldErrors) {
            if (formFields.contains(error.field()) || error.field().startsWith("items[")) {
                reject(error.field(), error.message());
                placed = true;
            }
        }
        if (!placed) {
            general = refused.getMessage();
        }
        return this;
    }

    public ClinicalForm generalError(String message) {
        general = message;
        return this;
    }

    // --- reading what was typed: a value that cannot be read is an error beside its field; blank is null, left to
    // Bean Validation (@NotNull) as the API leaves it

    /** A datetime-local value, typed in the hospital's zone. */
    public Instant time(String field, ZoneId zone) {
        String text = blankToNull(value(field));
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            reject(field, "must be a date and time as yyyy-MM-ddTHH:mm");
            return null;
        }
    }

    public LocalDate date(String field) {
        String text = blankToNull(value(field));
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            reject(field, "must be a date as yyyy-MM-dd");
            return null;
        }
    }

    public <E extends Enum<E>> E choice(String field, Function<String, E> of) {
        String text = blankToNull(value(field));
        if (text == null) {
            return null;
        }
        try {
            return of.apply(text);
        } catch (IllegalArgumentException e) {
            reject(field, "not one of the choices: " + text);
            return null;
        }
    }

    public BigDecimal number(String field) {
        String text = blankToNull(value(field));
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            reject(field, "must be a number");
            return null;
        }
    }

    public Long wholeNumber(String field) {
        BigDecimal number = number(field);
        if (number == null) {
            return null;
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            reject(field, "must be a whole number");
            return null;
        }
    }

    public Integer integer(String field) {
        Long number = wholeNumber(field);
        if (number != null && (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE)) {
            reject(field, "is too large");
            return null;
        }
        return number == null ? null : number.intValue();
    }

    /** The text typed, stripped; null when blank (an optional field left empty). */
    public String text(String field) {
        return blankToNull(value(field));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
