package org.mdms.records.visit;

import org.mdms.common.DomainException;
import org.mdms.common.InputProblems;
import org.mdms.common.QueryChecks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A `from`/`to` filter of a list. Each bound is an ISO-8601 instant (`2026-11-21T08:00:00Z`) or a date
 * (`2026-11-21`, meaning that whole UTC day): parsed here rather than by JAX-RS so a bad value is a 400 naming
 * the parameter instead of a 404.
 */
public record TimeWindow(Instant from, Instant toExclusive) {

    /** Device and client clocks run a little ahead of ours; a minute of skew is not "the future". */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public static TimeWindow parse(String from, String to) {
        // a bad from and a bad to are reported together
        QueryChecks bounds = new QueryChecks();
        Instant start = bounds.check(() -> parseBound("from", from, false));
        Instant end = bounds.check(() -> parseBound("to", to, true));
        bounds.refuseIfAny();
        if (start != null && end != null && !start.isBefore(end)) {
            throw DomainException.invalid("to", "must not be before from, got '" + InputProblems.shorten(to) + "'");
        }
        return new TimeWindow(start, end);
    }

    /**
     * Client times are kept to the microsecond, as DATETIME(6) stores them (MariaDB truncates, MySQL rounds), so
     * the record, its API view and its change event all carry the same instant.
     */
    public static Instant micros(Instant time) {
        return time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public static void checkNotInFuture(String field, Instant time) {
        if (time != null && time.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw DomainException.invalid(field, field + " must not be in the future");
        }
    }

    private static Instant parseBound(String field, String text, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            Instant instant = java.time.OffsetDateTime.parse(value).toInstant();
            // an instant bound is inclusive for "to" too: turn it into an exclusive one a microsecond later
            return end ? instant.plusNanos(1_000) : instant;
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "must be a date as yyyy-MM-dd or a timestamp with an offset, "
                    + "such as 2026-11-21T08:00:00Z, got '" + InputProblems.shorten(text) + "'");
        }
    }
}
