package org.mdms.records.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.audit.AuditLog;
import org.mdms.common.DomainException;
import org.mdms.records.common.TooManyAttempts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Signs users in (throttled, locked after repeated wrong passwords), issues short-lived RS256 access tokens with a
 * rotating refresh token, and ends sessions. Every access token carries tv (the account's token version) and sid (the
 * sign-in session) so that {@link org.mdms.common.auth.RevocationCheck} and the other services can refuse it once revoked.
 */
@ApplicationScoped
public class TokenService {

    public static final String PATIENT_ID_CLAIM = "patient_id";
    public static final String STAFF_ID_CLAIM = "staff_id";
    public static final String TOKEN_VERSION_CLAIM = "tv";
    public static final String SESSION_CLAIM = "sid";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccountRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final JwtSettings settings;
    private final AccountSettings accounts;
    private final KeyMaterial keys;
    private final LoginThrottle throttle;
    private final Revocations revocations;
    private final AuditLog audit;

    TokenService(UserAccountRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
                 JwtSettings settings, AccountSettings accounts, KeyMaterial keys, LoginThrottle throttle,
                 Revocations revocations, AuditLog audit) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.settings = settings;
        this.accounts = accounts;
        this.keys = keys;
        this.throttle = throttle;
        this.revocations = revocations;
        this.audit = audit;
    }

    public record IssuedToken(String accessToken, long expiresInSeconds, String refreshToken,
                              long refreshExpiresInSeconds) {
    }

    /** What a failed sign-in or refresh wrote before it is answered 401 (the write must commit first). */
    private record Outcome(IssuedToken token, DomainException refusal) {

        IssuedToken orThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return token;
        }
    }

    /**
     * An unknown name costs the same bcrypt check as a wrong password (against a dummy hash of the same cost), so the
     * answer time does not tell whether an account exists.
     */
    public Uni<IssuedToken> login(String username, String password, String client) {
        throttle.clientBlocked(client).ifPresent(wait -> {
            throw new TooManyAttempts("too many failed sign-ins from this address; try again later", wait);
        });
        return findAccount(username)
                .chain(user -> {
                    Instant now = Instant.now();
                    if (user == null) {
                        throttle.unknownNameLocked(username).ifPresent(TokenService::refuseLocked);
                    } else if (user.isLocked(now)) {
                        refuseLocked(Duration.between(now, user.getLockedUntil()));
                    }
                    String hash = user == null ? hasher.dummyHash() : user.getPasswordHash();
                    return hasher.matches(password, hash).chain(matches -> {
                        if (user == null) {
                            throttle.unknownNameFailed(username);
                            throttle.clientFailed(client);
                            return Uni.createFrom().failure(badCredentials());
                        }
                        if (!matches) {
                            throttle.clientFailed(client);
                            return recordFailure(user, client).map(Outcome::orThrow);
                        }
                        if (!user.isEnabled()) {
                            return Uni.createFrom().failure(badCredentials());
                        }
                        return signIn(user);
                    });
                });
    }

    @WithSession
    Uni<UserAccount> findAccount(String username) {
        return users.findByUsername(username);
    }

    /** Counts a wrong password; the failure that reaches the limit locks the account and is audited. */
    @WithTransaction
    Uni<Outcome> recordFailure(UserAccount user, String client) {
        long userId = user.getId();
        Caller account = new Caller(userId, user.getUsername(), user.getRole(), null, null);
        Duration lock = accounts.lockout().duration();
        Instant lockedUntil = Instant.now().plus(lock);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "UPDATE user_account SET failed_logins = failed_logins + 1 WHERE id = ?1")
                        .setParameter(1, userId).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        UPDATE user_account SET failed_logins = 0, locked_until = ?1
                                        WHERE id = ?2 AND failed_logins >= ?3""")
                                .setParameter(1, lockedUntil).setParameter(2, userId)
                                .setParameter(3, accounts.lockout().maxFailures()).executeUpdate())
                        .chain(locked -> locked == 0 ? Uni.createFrom().voidItem()
                                : audit.record(session, account, AuditLog.Action.LOCK, "user", userId, null,
                                "account locked until " + lockedUntil + " after "
                                        + accounts.lockout().maxFailures() + " wrong passwords (last from " + client
                                        + ")")))
                .replaceWith(new Outcome(null, badCredentials()));
    }

    /**
     * Opens a refresh-token family and issues the first pair of tokens for the account read before the password
     * check (not read again); resets the failure count only if that read found failures or a lock. A wrong password
     * counted while this sign-in was checking its password then stays counted, as if it came after the sign-in.
     */
    @WithTransaction
    Uni<IssuedToken> signIn(UserAccount user) {
        Uni<Void> reset = user.getFailedLogins() == 0 && user.getLockedUntil() == null
                ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> session.createNativeQuery(
                                "UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE id = ?1")
                        .setParameter(1, user.getId()).executeUpdate()).replaceWithVoid();
        return reset.chain(() -> issue(user, UUID.randomUUID().toString()));
    }

    /**
     * Trades a refresh token for a new pair. The old one is marked used; presenting a revoked token, or a used one
     * more than {@link AccountSettings#refreshReuseGrace()} after its use (a stolen copy, or the thief's copy after the
     * owner refreshed), ends the whole family. Within the grace a used token gets a sibling pair of the same session
     * (two tabs renewing at the same instant).
     */
    public Uni<IssuedToken> refresh(String refreshToken) {
        return refresh(refreshToken, null);
    }

    /**
     * As {@link #refresh(String)}, for the console's renewal: only a refresh token of the sign-in session the
     * browser's session cookie names ({@code session}, its sid) is used; another one is refused untouched (a browser
     * holding cookies of two sign-ins renews neither).
     */
    public Uni<IssuedToken> refresh(String refreshToken, String session) {
        return rotate(sha256(refreshToken), session)
                .invoke(outcome -> {
                    if (outcome.refusal() != null) {
                        revocations.invalidate();
                    }
                })
                .map(Outcome::orThrow);
    }

    @WithTransaction
    Uni<Outcome> rotate(String tokenHash, String session) {
        Instant now = Instant.now();
        return refreshTokens.findByHash(tokenHash).chain(token -> {
            if (token == null) {
                return Uni.createFrom().failure(DomainException.unauthorized("unknown refresh token"));
            }
            if (session != null && !session.equals(token.getFamily())) {
                return Uni.createFrom().failure(DomainException.unauthorized(
                        "the refresh token belongs to another sign-in session"));
            }
            if (token.getRevokedAt() != null) {
                return endFamilyOnReuse(token, now);
            }
            if (token.getUsedAt() != null) {
                return withinGrace(token.getUsedAt(), now) ? successor(token) : endFamilyOnReuse(token, now);
            }
            if (!now.isBefore(token.getExpiresAt())) {
                return Uni.createFrom().failure(DomainException.unauthorized("the refresh token has expired"));
            }
            return refreshTokens.markUsed(token.getId(), now).chain(marked -> marked == 1 ? successor(token)
                    // a concurrent refresh with the same token got there first: a sibling if it used (not revoked) it
                    : refreshTokens.usedSince(token.getId(), now.minus(accounts.refreshReuseGrace()))
                    .chain(justUsed -> justUsed ? successor(token) : endFamilyOnReuse(token, now)));
        });
    }

    private boolean withinGrace(Instant usedAt, Instant now) {
        return now.isBefore(usedAt.plus(accounts.refreshReuseGrace()));
    }

    /**
     * A new pair in the token's session (its successor, or a sibling within the grace), if the account may still
     * have one (enabled, same token version).
     */
    private Uni<Outcome> successor(RefreshToken token) {
        return users.findById(token.getUserId()).chain(user -> {
            if (user == null || !user.isEnabled() || user.getTokenVersion() != token.getTokenVersion()) {
                return Uni.createFrom().failure(DomainException.unauthorized("the refresh token has been revoked"));
            }
            return issue(user, token.getFamily()).map(issued -> new Outcome(issued, null));
        });
    }

    private Uni<Outcome> endFamilyOnReuse(RefreshToken token, Instant now) {
        return refreshTokens.revokeFamily(token.getFamily(), now)
                .call(revoked -> revoked == 0 ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(session -> audit.record(session, Caller.SYSTEM,
                        AuditLog.Action.REVOKE, "user", token.getUserId(), null,
                        "refresh token reused: session " + token.getFamily() + " ended")))
                .replaceWith(new Outcome(null, DomainException.unauthorized(
                        "this refresh token was already used; the session has been ended, sign in again")));
    }

    /** Ends the sign-in session the refresh token belongs to: its refresh tokens and its access tokens. */
    public Uni<Void> logout(String refreshToken) {
        return endSession(sha256(refreshToken)).invoke(revocations::invalidate);
    }

    @WithTransaction
    Uni<Void> endSession(String tokenHash) {
        return refreshTokens.findByHash(tokenHash)
                .chain(token -> token == null ? Uni.createFrom().voidItem()
                        : refreshTokens.revokeFamily(token.getFamily(), Instant.now()).replaceWithVoid());
    }

    /**
     * Ends a sign-in session by its id (the access token's sid claim), as {@link #logout} does for its refresh token:
     * the console keeps only the access token (in a cookie), so its sign-out names the session instead.
     */
    public Uni<Void> logoutSession(String session) {
        return endFamily(session).invoke(revocations::invalidate);
    }

    @WithTransaction
    Uni<Void> endFamily(String family) {
        return refreshTokens.revokeFamily(family, Instant.now()).replaceWithVoid();
    }

    private Uni<IssuedToken> issue(UserAccount user, String family) {
        String refresh = newRefreshToken();
        Instant now = Instant.now();
        Duration refreshLifetime = accounts.refreshLifetime();
        RefreshToken row = new RefreshToken(sha256(refresh), family, user.getId(), user.getTokenVersion(), now,
                now.plus(refreshLifetime));
        return refreshTokens.persist(row)
                .chain(() -> linkedRecordId(user))
                .map(linkedId -> new IssuedToken(accessToken(user, linkedId, family), settings.lifetime().toSeconds(),
                        refresh, refreshLifetime.toSeconds()));
    }

    /** The patient row of a PATIENT user or the staff row of a staff user, carried in the token. */
    private Uni<Long> linkedRecordId(UserAccount user) {
        String table = user.getRole() == Role.PATIENT ? "patient" : user.getRole().isStaff() ? "staff" : null;
        if (table == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT id FROM " + table + " WHERE user_id = ?1", Long.class)
                .setParameter(1, user.getId())
                .getSingleResultOrNull());
    }

    private String accessToken(UserAccount user, Long linkedId, String family) {
        var builder = Jwt.issuer(settings.issuer())
                .subject(Long.toString(user.getId()))
                .upn(user.getUsername())
                .groups(Set.of(user.getRole().name()))
                .claim("name", user.getDisplayName())
                .claim(TOKEN_VERSION_CLAIM, user.getTokenVersion())
                .claim(SESSION_CLAIM, family)
                .expiresIn(settings.lifetime().toSeconds());
        if (linkedId != null) {
            builder.claim(user.getRole() == Role.PATIENT ? PATIENT_ID_CLAIM : STAFF_ID_CLAIM, linkedId);
        }
        return builder.jws().keyId(keys.keyId()).sign();
    }

    private static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuseLocked(Duration wait) {
        throw new TooManyAttempts("too many wrong passwords for this account; try again later or ask an admin", wait);
    }

    private static DomainException badCredentials() {
        return DomainException.unauthorized("unknown username or wrong password");
    }
}
