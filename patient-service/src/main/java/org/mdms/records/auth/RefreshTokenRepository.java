package org.mdms.records.auth;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepository<RefreshToken> {

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Marks the token used if nobody did yet: of two refreshes with the same token only one gets 1. */
    public Uni<Integer> markUsed(long id, Instant when) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null and revokedAt is null", when, id);
    }

    /**
     * Whether the token was used at or after {@code since} and is not revoked, read as last committed (a locking read:
     * the caller's transaction may hold an older snapshot of the row).
     */
    public Uni<Boolean> usedSince(long id, Instant since) {
        return getSession().chain(session -> session.createNativeQuery("""
                        SELECT COUNT(*) FROM refresh_token
                        WHERE id = ?1 AND revoked_at IS NULL AND used_at >= ?2 FOR UPDATE""", Long.class)
                .setParameter(1, id).setParameter(2, since).getSingleResult())
                .map(count -> count > 0);
    }

    public Uni<Integer> revokeFamily(String family, Instant when) {
        return update("revokedAt = ?1 where family = ?2 and revokedAt is null", when, family);
    }
}
