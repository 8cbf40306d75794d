package org.mdms.records.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks a request built from a form with the API's own Bean Validation rules, field by field, in the page's words. */
@ApplicationScoped
public class ConsoleValidation {

    private final Validator validator;

    ConsoleValidation(Validator validator) {
        this.validator = validator;
    }

    /** The first message per field; empty when the request is valid. */
    Map<String, String> check(Object request, ConsoleMessages words) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            messages.putIfAbsent(violation.getPropertyPath().toString(), ProblemText.violation(violation, words));
        }
        return messages;
    }
}
