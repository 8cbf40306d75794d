package org.mdms.analytics.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.mdms.common.PageRequest;
import org.mdms.common.QueryChecks;

/**
 * Query parameter parsing with errors that name the parameter (400 problem+json, never a 500). A resource reading
 * several parameters uses one {@link Checks}: every bad parameter is collected and all are refused together, as
 * patient-service and imaging-service report every violation.
 */
public final class Params {

    /** The paging rule of all three services: size 1..200 (default 20), page from 0, (page + 1) × size at most this. */
    public static final int MAX_PAGE_SIZE = PageRequest.MAX_SIZE;
    public static final long MAX_PAGE_ROWS = PageRequest.MAX_ROWS;

    public record Paging(int page, int size) {
    }

    private Params() {
    }

    /** A fresh collector for the parameters of one request. */
    public static Checks checks() {
        return new Checks();
    }

    public static int intInRange(String field, Integer value, int fallback, int min, int max) {
        return single(checks -> checks.intInRange(field, value, fallback, min, max));
    }

    public static String oneOf(String field, String value, String fallback, Set<String> allowed) {
        return single(checks -> checks.oneOf(field, value, fallback, allowed));
    }

    private static <T> T single(java.util.function.Function<Checks, T> parse) {
        Checks checks = new Checks();
        T value = parse.apply(checks);
        checks.refuseIfAny();
        return value;
    }

    /**
     * Collects the problems of one request's parameters (the one collector of the three services, mdms-common's
     * {@link QueryChecks}); each parser here returns the parsed value, or the fallback when the value is bad (so later
     * checks can still run), and {@link #refuseIfAny()} throws one 400 naming them all.
     */
    public static final class Checks extends QueryChecks {

        private Checks() {
        }

        public Paging paging(Integer page, Integer size) {
            int p = page == null ? 0 : page;
            int s = size == null ? 20 : size;
            boolean bad = false;
            if (p < 0) {
                refuse("page", "page must be 0 or more");
                bad = true;
            }
            if (s < 1 || s > MAX_PAGE_SIZE) {
                refuse("size", "size must be between 1 and " + MAX_PAGE_SIZE);
                bad = true;
            }
            if (!bad && ((long) p + 1) * s > MAX_PAGE_ROWS) {
                refuse("page", "(page + 1) × size may not exceed " + MAX_PAGE_ROWS + "; narrow the list with its filters");
            }
            return new Paging(Math.max(p, 0), Math.min(Math.max(s, 1), MAX_PAGE_SIZE));
        }

        public YearMonth month(String field, String value, YearMonth fallback) {
            if (value == null || value.isBlank()) {
                if (fallback == null) {
                    refuse(field, "is required (yyyy-MM)");
                }
                return fallback;
            }
            try {
                return YearMonth.parse(value.trim());
            } catch (DateTimeParseException e) {
                refuse(field, "must be a month as yyyy-MM, got '" + value + "'");
                return orNow(fallback, () -> YearMonth.now(java.time.ZoneOffset.UTC));
            }
        }

        public LocalDate date(String field, String value, LocalDate fallback) {
            if (value == null || value.isBlank()) {
                if (fallback == null) {
                    refuse(field, "is required (yyyy-MM-dd)");
                }
                return fallback;
            }
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                refuse(field, "must be a date as yyyy-MM-dd, got '" + value + "'");
                return orNow(fallback, () -> LocalDate.now(java.time.ZoneOffset.UTC));
            }
        }

        public Instant instant(String field, String value, Instant fallback) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(value.trim()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException e2) {
                    refuse(field, "must be a date as yyyy-MM-dd or a timestamp with an offset, "
                            + "such as 2026-01-31T08:30:00Z, got '" + value + "'");
                    return orNow(fallback, Instant::now);
                }
            }
        }

        /**
         * to before from is a fault of to, worded as in the other two services; skipped when either was refused
         * already (the order would mean nothing).
         */
        public <T extends Comparable<T>> void ordered(String fromField, T from, String toField, T to) {
            if (refused(fromField) || refused(toField) || from == null || to == null) {
                return;
            }
            if (from.compareTo(to) > 0) {
                refuse(toField, "must not be before " + fromField + ", got '" + to + "'");
            }
        }

        /**
         * A whole number given as text (null when absent or bad), for an endpoint that checks the caller itself before
         * it reads its parameters: JAX-RS would refuse an unconvertible Integer before the method body runs.
         */
        public Integer wholeNumber(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.trim());
            } catch (NumberFormatException e) {
                refuse(field, "must be a whole number, got '" + value + "'");
                return null;
            }
        }

        public int intInRange(String field, Integer value, int fallback, int min, int max) {
            int v = value == null ? fallback : value;
            if (v < min || v > max) {
                refuse(field, "must be between " + min + " and " + max + ", got " + v);
                return fallback;
            }
            return v;
        }

        public String oneOf(String field, String value, String fallback, Set<String> allowed) {
            String v = value == null || value.isBlank() ? fallback : value.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                refuse(field, "must be one of " + String.join(", ", new TreeSet<>(allowed)) + ", got '" + value + "'");
                return fallback;
            }
            return v;
        }

        /**
         * sort=field[,asc|desc] against the fields a list sorts by (API name -> how it sorts) and the directions it
         * allows; the one wording of all three services. Returns the field and direction, or null for the default.
         */
        public String[] sort(String value, java.util.Map<String, java.util.List<String>> sortable) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String[] parts = value.split(",", -1);
            String field = parts[0].trim();
            List<String> directions = sortable.get(field);
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : null;
            boolean good = directions != null && parts.length <= 2
                    && (direction == null ? directions.contains("asc") : directions.contains(direction));
            if (!good) {
                refuse("sort", PageRequest.sortMessage(sortable.keySet(), sortable.values().iterator().next(), value));
                return null;
            }
            return new String[] {field, direction == null ? directions.get(0) : direction};
        }

        private static <T> T orNow(T fallback, Supplier<T> now) {
            // a refused value still needs a stand-in so the checks after it can run; the request is refused anyway
            return fallback != null ? fallback : now.get();
        }
    }
}
