package org.mdms.records.care;

import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The care rule ({@link CareRelationship#CLINICAL_ANSWER}, defined there once) for statements of the reactive SQL
 * client, whose placeholders are plain {@code ?} bound in order: used where no Hibernate session is at hand (alert
 * lists, the SSE streams).
 */
public final class CareSql {

    private static final Pattern NUMBERED = Pattern.compile("\\?([0-9])");

    /** SQL with plain placeholders and the values to bind, in order. */
    public record Fragment(String sql, List<Object> params) {
    }

    private CareSql() {
    }

    /**
     * "The caller reads this patient's clinical data", as a condition on {@code patientColumn} (or {@code ?}, then
     * the patient's id is bound first in each place). Needs {@link #STAFF_JOIN} in the FROM clause, bound to the
     * caller's staff id.
     */
    public static Fragment readsClinical(String patientColumn, Long patientId, Caller caller, Instant now) {
        String answer = "(" + CareRelationship.CLINICAL_ANSWER + ") IN ('TREATING', 'EMERGENCY')";
        return expand(patientColumn.equals("?") ? answer : answer.replace("?1", patientColumn),
                Map.of(1, patientId == null ? -1L : patientId, 2, staffId(caller), 3,
                        caller.userId() == null ? -1L : caller.userId(), 4, LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
    }

    /** The caller's active staff row as {@code s}; bind {@link #staffId}. */
    public static final String STAFF_JOIN = " LEFT JOIN staff s ON s.id = ? AND s.active ";

    public static long staffId(Caller caller) {
        return caller.staffId() == null ? -1L : caller.staffId();
    }

    /** Whether the rule has to be asked at all: admins read everything, a patient only themself, others nothing. */
    public static boolean asksDatabase(Caller caller) {
        return CareRelationship.answersInSql(caller);
    }

    public static boolean readsWithoutDatabase(Caller caller, long patientId) {
        return caller.role() == Role.ADMIN
                || (caller.role() == Role.PATIENT && caller.patientId() != null && caller.patientId() == patientId);
    }

    private static Fragment expand(String sql, Map<Integer, Object> values) {
        List<Object> params = new ArrayList<>();
        Matcher matcher = NUMBERED.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            params.add(values.get(Integer.parseInt(matcher.group(1))));
            matcher.appendReplacement(out, "?");
        }
        matcher.appendTail(out);
        return new Fragment(out.toString(), params);
    }
}
