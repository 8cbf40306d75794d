package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.analytics.warehouse.Sql;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * The lease row that makes one replica the sync worker: taken when free or expired, renewed by every batch the
 * holder commits (see WarehouseWriter.applyBatch, which also refuses to commit without it).
 */
@ApplicationScoped
public class SyncLease {

    public record Holder(String owner, LocalDateTime expiresAt) {
    }

    private final Pool pool;
    private final String me;

    public SyncLease(Pool pool) {
        this.pool = pool;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        this.me = host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's owner id. */
    public String me() {
        return me;
    }

    /** True when {@code owner} now holds the lease for {@code duration}. */
    public Uni<Boolean> acquire(String owner, Duration duration) {
        return Sql.query(pool, SyncQueries.ACQUIRE_LEASE, owner, duration.toNanos() / 1000, owner)
                .map(rows -> rows.rowCount() > 0);
    }

    /** Gives the lease up at once (so another replica need not wait for the expiry). */
    public Uni<Void> release(String owner) {
        return Sql.query(pool, SyncQueries.RELEASE_LEASE, owner).replaceWithVoid();
    }

    public Uni<Holder> holder() {
        return Sql.query(pool, SyncQueries.LEASE_HOLDER)
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Holder(row.getString("owner"), row.getLocalDateTime("expires_at"));
                });
    }
}
