package org.mdms.records.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.records.alert.AlertDtos.DepartmentStatistics;
import org.mdms.records.alert.AlertDtos.ResponseTimes;
import org.mdms.records.alert.AlertDtos.Statistics;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.records.visit.TimeWindow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alert statistics per department over the alerts opened in a window: counts by severity and status, and the time
 * from opening to acknowledgement and to resolution, as nearest-rank percentiles. Admins and analysts see every
 * department (counts and times only, no patient); a doctor or nurse only their own department.
 */
@ApplicationScoped
public class AlertStatistics {

    static final String PERCENTILE_RULE = "nearest-rank";

    private final AlertQueries queries;

    AlertStatistics(AlertQueries queries) {
        this.queries = queries;
    }

    public Uni<Statistics> of(Long departmentId, TimeWindow openedIn, Caller caller) {
        return department(departmentId, caller).chain(department -> {
            List<Object> params = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (department != null) {
                where.append(" AND a.department_id = ?");
                params.add(department);
            }
            if (openedIn.from() != null) {
                where.append(" AND a.opened_at >= ?");
                params.add(AlertQueries.utc(openedIn.from()));
            }
            if (openedIn.toExclusive() != null) {
                where.append(" AND a.opened_at < ?");
                params.add(AlertQueries.utc(openedIn.toExclusive()));
            }
            return queries.pool().preparedQuery("""
                            SELECT a.department_id, d.name AS department_name, a.severity, a.status,
                                   TIMESTAMPDIFF(MICROSECOND, a.opened_at, a.acknowledged_at) AS to_acknowledge,
                                   TIMESTAMPDIFF(MICROSECOND, a.opened_at, a.resolved_at) AS to_resolve
                            FROM alert a LEFT JOIN department d ON d.id = a.department_id""" + where
                            + " ORDER BY a.department_id")
                    .execute(Tuple.from(params))
                    .map(rows -> {
                        Map<Long, Tally> tallies = new LinkedHashMap<>();
                        for (Row row : rows) {
                            tallies.computeIfAbsent(row.getLong("department_id"),
                                    id -> new Tally(id, row.getString("department_name"))).add(row);
                        }
                        if (department != null && tallies.isEmpty()) {
                            tallies.put(department, new Tally(department, null));
                        }
                        return new Statistics(openedIn.from(), openedIn.toExclusive(), PERCENTILE_RULE,
                                tallies.values().stream().map(Tally::statistics).toList());
                    });
        });
    }

    /** The department asked for, checked against the caller: null means every department (admins, analysts). */
    private Uni<Long> department(Long asked, Caller caller) {
        if (caller.is(Role.ADMIN) || caller.is(Role.ANALYST)) {
            return Uni.createFrom().item(asked);
        }
        if (!(caller.is(Role.DOCTOR) || caller.is(Role.NURSE)) || caller.staffId() == null) {
            throw DomainException.forbidden("alert statistics are for admins, analysts and the doctors and nurses "
                    + "of the department");
        }
        return queries.pool().preparedQuery("SELECT department_id FROM staff WHERE id = ? AND active")
                .execute(Tuple.of(caller.staffId()))
                .map(rows -> {
                    Long own = rows.size() == 0 ? null : rows.iterator().next().getLong("department_id");
                    if (own == null || (asked != null && !Objects.equals(asked, own))) {
                        throw DomainException.forbidden("doctors and nurses see the alert statistics of their own "
                                + "department only");
                    }
                    return own;
                });
    }

    /**
     * The nearest-rank percentile of sorted values: the value at rank ceil(p / 100 * n) (1-based), so always one of
     * the values; null when there is none.
     */
    static Long nearestRank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static ResponseTimes times(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return new ResponseTimes(sorted.length, seconds(nearestRank(sorted, 50)), seconds(nearestRank(sorted, 95)),
                seconds(sorted.length == 0 ? null : sorted[sorted.length - 1]));
    }

    private static BigDecimal seconds(Long micros) {
        return micros == null ? null : BigDecimal.valueOf(micros, 6).setScale(3, RoundingMode.HALF_UP);
    }

    /** One department's alerts as they are read. */
    private static final class Tally {
        private final Long departmentId;
        private final String departmentName;
        private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        private final Map<AlertStatus, Long> byStatus = new EnumMap<>(AlertStatus.class);
        private final List<Long> toAcknowledge = new ArrayList<>();
        private final List<Long> toResolve = new ArrayList<>();
        private long total;

        Tally(Long departmentId, String departmentName) {
            this.departmentId = departmentId;
            this.departmentName = departmentName;
            Arrays.stream(Severity.values()).forEach(s -> bySeverity.put(s, 0L));
            Arrays.stream(AlertStatus.values()).forEach(s -> byStatus.put(s, 0L));
        }

        void add(Row row) {
            total++;
            bySeverity.merge(Severity.valueOf(row.getString("severity")), 1L, Long::sum);
            byStatus.merge(AlertStatus.valueOf(row.getString("status")), 1L, Long::sum);
            Long acknowledged = row.getLong("to_acknowledge");
            if (acknowledged != null) {
                toAcknowledge.add(acknowledged);
            }
            Long resolved = row.getLong("to_resolve");
            if (resolved != null) {
                toResolve.add(resolved);
            }
        }

        DepartmentStatistics statistics() {
            return new DepartmentStatistics(departmentId, departmentName, total, bySeverity, byStatus,
                    times(toAcknowledge), times(toResolve));
        }
    }
}
