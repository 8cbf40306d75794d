package org.mdms.analytics.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** Query parameter parsing with errors that name the parameter (400 problem+json, never a 500). */
public final class Params {

    private Params() {
    }

    public static YearMonth month(String field, String value, YearMonth fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw DomainException.badParameter(field, "is required (yyyy-MM)");
            }
            return fallback;
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainException.badParameter(field, "must be a month as yyyy-MM, got '" + value + "'");
        }
    }

    public static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw DomainException.badParameter(field, "is required (yyyy-MM-dd)");
            }
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainException.badParameter(field, "must be a date as yyyy-MM-dd, got '" + value + "'");
        }
    }

    public static Instant instant(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw DomainException.badParameter(field, "must be an ISO-8601 instant or a date, got '" + value + "'");
            }
        }
    }

    public static <T extends Comparable<T>> void ordered(String fromField, T from, String toField, T to) {
        if (from.compareTo(to) > 0) {
            throw DomainException.badParameter(fromField, fromField + " " + from + " is after " + toField + " " + to);
        }
    }

    public static int intInRange(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw DomainException.badParameter(field, "must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public static String oneOf(String field, String value, String fallback, Set<String> allowed) {
        String v = value == null || value.isBlank() ? fallback : value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw DomainException.badParameter(field, "must be one of " + allowed + ", got '" + value + "'");
        }
        return v;
    }
}
