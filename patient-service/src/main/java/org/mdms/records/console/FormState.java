package org.mdms.records.console;

import java.util.Map;

/** A form's values as typed and the messages beside its fields (none when the form is fresh). */
public record FormState(Map<String, String> values, Map<String, String> errors) {

    static FormState fresh() {
        return new FormState(Map.of(), Map.of());
    }

    static FormState of(Map<String, String> values) {
        return new FormState(values, Map.of());
    }

    FormState withErrors(Map<String, String> messages) {
        return new FormState(values, messages);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** Whether a drop-down's option is the one typed (values compared as text). */
    public boolean selected(String field, Object option) {
        return String.valueOf(option).equals(values.get(field));
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Messages for fields the form does not show (a service refusal naming another field). */
    public String otherErrors() {
        return errors.entrySet().stream().filter(e -> !values.containsKey(e.getKey()))
                .map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse(null);
    }
}
