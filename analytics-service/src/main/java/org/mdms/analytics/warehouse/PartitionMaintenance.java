package org.mdms.analytics.warehouse;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps monthly partitions of fact_prescription_item ready at least 12 months ahead: the catch-all pfuture
 * partition is split into named months (REORGANIZE moves any rows already in it). V1 creates 2020-01..2027-12.
 * Harmless if two replicas race: the loser's ALTER fails on the existing partition name and is logged.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);
    static final int MONTHS_AHEAD = 12;

    private final Pool pool;

    public PartitionMaintenance(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        ensureAhead().subscribe().with(added -> { }, failure -> LOG.warnf("partition check failed: %s", failure));
    }

    @Scheduled(cron = "0 17 3 * * ?", identity = "warehouse-partitions")
    Uni<Void> daily() {
        return ensureAhead().onFailure().invoke(e -> LOG.warnf("partition check failed: %s", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Adds the missing months up to now + 12; returns how many partitions were added. */
    public Uni<Integer> ensureAhead() {
        return Sql.query(pool, """
                        SELECT MAX(CAST(partition_description AS UNSIGNED)) AS bound FROM information_schema.partitions
                         WHERE table_schema = DATABASE() AND table_name = 'fact_prescription_item'
                           AND partition_description <> 'MAXVALUE'""")
                .chain(rows -> {
                    Object bound = rows.iterator().next().getValue("bound");
                    if (bound == null) {
                        return Uni.createFrom().item(0);
                    }
                    int upper = ((Number) bound).intValue();
                    // upper is "less than" of the last named partition: yyyymm of the first month it excludes
                    YearMonth next = YearMonth.of(upper / 100, upper % 100);
                    YearMonth target = YearMonth.now(ZoneOffset.UTC).plusMonths(MONTHS_AHEAD);
                    List<String> parts = new ArrayList<>();
                    for (YearMonth m = next; !m.isAfter(target); m = m.plusMonths(1)) {
                        YearMonth after = m.plusMonths(1);
                        parts.add(String.format("PARTITION p%d%02d VALUES LESS THAN (%d%02d)", m.getYear(),
                                m.getMonthValue(), after.getYear(), after.getMonthValue()));
                    }
                    if (parts.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    parts.add("PARTITION pfuture VALUES LESS THAN MAXVALUE");
                    String ddl = "ALTER TABLE fact_prescription_item REORGANIZE PARTITION pfuture INTO ("
                            + String.join(", ", parts) + ")";
                    return pool.query(ddl).execute().map(done -> {
                        LOG.infof("added %d monthly partitions to fact_prescription_item, up to %s", parts.size() - 1,
                                target);
                        return parts.size() - 1;
                    });
                });
    }
}
