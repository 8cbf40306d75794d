package org.mdms.records.console;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.mdms.common.DomainException;

import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API's refusals in the page's language. The problem detail is English (it is the API's contract); a Chinese page
 * shows a sentence of its own for the common cases (field errors, 403, 404, 409, 422) and names the fields.
 */
final class ProblemText {

    private ProblemText() {
    }

    /** The sentence under an error page's title. */
    static String detail(DomainException e, ConsoleMessages words, boolean english) {
        if (english) {
            return e.getMessage();
        }
        String fields = e.errors().stream().map(DomainException.FieldError::field).distinct()
                .collect(Collectors.joining(", "));
        return switch (e.status()) {
            case 400 -> fields.isEmpty() ? words.problem_bad_request() : words.problem_fields(fields);
            case 403 -> words.problem_forbidden();
            case 404 -> words.problem_not_found();
            case 409 -> fields.isEmpty() ? words.problem_conflict() : words.problem_taken(fields);
            case 422 -> fields.isEmpty() ? words.problem_bad_request() : words.problem_unknown(fields);
            default -> e.getMessage();
        };
    }

    /** A service's refusal as a message beside each field it names (409 taken, 422 unknown reference, 400 invalid). */
    static Map<String, String> fields(DomainException e, ConsoleMessages words, boolean english) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (DomainException.FieldError error : e.errors()) {
            String text = english ? error.message() : switch (e.status()) {
                case 409 -> words.field_taken();
                case 422 -> words.field_unknown();
                default -> words.field_invalid();
            };
            messages.putIfAbsent(error.field(), text);
        }
        return messages;
    }

    /** A Bean Validation violation of a form, in the page's words. */
    static String violation(ConstraintViolation<?> violation, ConsoleMessages words) {
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        if (constraint instanceof NotBlank || constraint instanceof NotNull) {
            return words.field_required();
        }
        if (constraint instanceof Size size) {
            return words.field_size(size.min(), size.max());
        }
        if (constraint instanceof Pattern || constraint instanceof Email) {
            return words.field_format();
        }
        if (constraint instanceof Positive) {
            return words.field_positive();
        }
        return violation.getMessage();
    }
}
