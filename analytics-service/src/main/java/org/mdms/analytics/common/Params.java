package org.mdms.analytics.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Query parameter parsing with errors that name the parameter (400 problem+json, never a 500). */
public final class Params {

    /** The paging rule of all three services: size 1..200 (default 20), page from 0, (page + 1) × size at most this. */
    public static final int MAX_PAGE_SIZE = 200;
    public static final long MAX_PAGE_ROWS = 1_000_000;

    public record Paging(int page, int size) {
    }

    private Params() {
    }

    public static Paging paging(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        // a bad page and a bad size are reported together, as all violations are
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (p < 0) {
            errors.add(new DomainException.FieldError("page", "page must be 0 or more"));
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            errors.add(new DomainException.FieldError("size", "size must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw DomainException.badParameters(errors);
        }
        if (((long) p + 1) * s > MAX_PAGE_ROWS) {
            throw DomainException.badParameter("page", "(page + 1) × size may not exceed " + MAX_PAGE_ROWS
                    + "; narrow the list with its filters");
        }
        return new Paging(p, s);
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
                throw DomainException.badParameter(field, "must be a date as yyyy-MM-dd or a timestamp with an offset, "
                        + "such as 2026-01-31T08:30:00Z, got '" + value + "'");
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
            throw DomainException.badParameter(field, "must be one of " + String.join(", ", new TreeSet<>(allowed))
                    + ", got '" + value + "'");
        }
        return v;
    }
}
