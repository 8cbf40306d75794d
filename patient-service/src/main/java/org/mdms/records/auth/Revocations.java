package org.mdms.records.auth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.auth.RevokedTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The revocation list, read from the database and kept for {@code mdms.auth.revocation-refresh}; a change made by
 * this instance ({@link #invalidate()}) is seen by its next request. Served to imaging and analytics, which cache it too.
 */
@ApplicationScoped
public class Revocations implements RevokedTokens {

    private record Cached(RevocationList list, RevocationList.Index index, Instant readAt) {
    }

    private final Pool pool;
    private final JwtSettings jwt;
    private final AccountSettings settings;
    private final AtomicReference<Cached> cached = new AtomicReference<>();
    private final AtomicReference<Uni<Cached>> reading = new AtomicReference<>();
    /** Raised by {@link #invalidate()}, so a read that began before the change is not kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    Revocations(Pool pool, JwtSettings jwt, AccountSettings settings) {
        this.pool = pool;
        this.jwt = jwt;
        this.settings = settings;
    }

    public Uni<RevocationList> list() {
        return current().map(Cached::list);
    }

    public Uni<RevocationList.Index> index() {
        return current().map(Cached::index);
    }

    @Override
    public Uni<Boolean> revokes(long userId, int tokenVersion, String session) {
        return index().map(index -> index.revokes(userId, tokenVersion, session));
    }

    /** Call after a revocation has committed. */
    public void invalidate() {
        generation.incrementAndGet();
        cached.set(null);
        reading.set(null);
    }

    private Uni<Cached> current() {
        Cached now = cached.get();
        if (now != null && Instant.now().isBefore(now.readAt().plus(settings.revocationRefresh()))) {
            return Uni.createFrom().item(now);
        }
        Uni<Cached> inFlight = reading.get();
        if (inFlight == null) {
            // one read at a time, shared by every request that finds the list stale
            long started = generation.get();
            Uni<Cached> fresh = read()
                    .invoke(list -> {
                        if (generation.get() == started) {
                            cached.set(list);
                        }
                    })
                    .eventually(() -> reading.set(null)).memoize().indefinitely();
            inFlight = reading.compareAndSet(null, fresh) ? fresh : reading.get();
        }
        return inFlight == null ? current() : inFlight;
    }

    private Uni<Cached> read() {
        Instant asOf = Instant.now();
        LocalDateTime since = LocalDateTime.ofInstant(asOf.minus(jwt.lifetime()).minus(Duration.ofMinutes(1)),
                ZoneOffset.UTC);
        Uni<List<RevocationList.RevokedUser>> users = pool
                .preparedQuery("SELECT id, token_version FROM user_account WHERE token_version_changed_at >= ?")
                .execute(Tuple.of(since))
                .map(rows -> {
                    List<RevocationList.RevokedUser> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new RevocationList.RevokedUser(row.getLong(0), row.getInteger(1)));
                    }
                    return list;
                });
        Uni<List<String>> sessions = pool
                .preparedQuery("SELECT DISTINCT family FROM refresh_token WHERE revoked_at >= ?")
                .execute(Tuple.of(since))
                .map(rows -> {
                    List<String> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(row.getString(0));
                    }
                    return list;
                });
        return Uni.combine().all().unis(users, sessions).asTuple()
                .map(both -> {
                    RevocationList list = new RevocationList(asOf, both.getItem1(), both.getItem2());
                    return new Cached(list, list.index(), asOf);
                });
    }
}
