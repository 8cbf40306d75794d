package org.mdms.records.console;

import jakarta.validation.ConstraintViolation;
import org.mdms.common.DomainException;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
}
