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

    public Uni<Integer> revokeFamily(String family, Instant when) {
        return update("revokedAt = ?1 where family = ?2 and revokedAt is null", when, family);
    }
}
