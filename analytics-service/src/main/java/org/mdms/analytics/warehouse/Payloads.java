package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;

/** Reading fields of a change event's payload (the feed's JSON) for the entity appliers. */
final class Payloads {

    private Payloads() {
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static Long longOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    static BigDecimal decimal(JsonNode node, String field) {
        BigDecimal value = decimalOrNull(node, field);
        return value == null ? BigDecimal.ZERO : value;
    }

    static BigDecimal decimalOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asText());
    }

    static Instant instant(JsonNode node, String field) {
        Instant value = instantOrNull(node, field);
        if (value == null) {
            throw new IllegalArgumentException("change event payload has no " + field + ": " + node);
        }
        return value;
    }

    static Instant instantOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            // Jackson's default for Instant without WRITE_DATES_AS_TIMESTAMPS disabled: epoch seconds.fraction
            return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
        }
        return Instant.parse(value.asText());
    }
}
