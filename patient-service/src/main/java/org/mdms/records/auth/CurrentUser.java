package org.mdms.records.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdms.common.DomainException;

import java.time.Instant;
import java.util.Optional;

/** Who is calling, read from the verified token. */
@RequestScoped
public class CurrentUser {

    @Inject
    JsonWebToken token;

    public boolean isSignedIn() {
        return token != null && token.getRawToken() != null;
    }

    public long userId() {
        return Long.parseLong(token.getSubject());
    }

    public String username() {
        return isSignedIn() ? token.getName() : "anonymous";
    }

    public Role role() {
        return token.getGroups().stream().findFirst().map(Role::valueOf)
                .orElseThrow(() -> DomainException.forbidden("the token carries no role"));
    }

    public Optional<Long> patientId() {
        return claimAsLong(TokenService.PATIENT_ID_CLAIM);
    }

    public Optional<Long> staffId() {
        return claimAsLong(TokenService.STAFF_ID_CLAIM);
    }

    /** The sign-in session the token belongs to (its sid claim), or null. */
    public String sessionId() {
        if (!isSignedIn() || !token.containsClaim(TokenService.SESSION_CLAIM)) {
            return null;
        }
        return token.getClaim(TokenService.SESSION_CLAIM).toString().replace("\"", "");
    }

    /** The account's display name (the name claim), else the username. */
    public String displayName() {
        if (!isSignedIn()) {
            return null;
        }
        Object name = token.getClaim("name");
        return name == null ? username() : name.toString().replace("\"", "");
    }

    /** The token's user, version, session and expiry, for a stream that must end when the token does. */
    public TokenLease lease() {
        int tokenVersion = claimAsLong(TokenService.TOKEN_VERSION_CLAIM).orElse(0L).intValue();
        return new TokenLease(userId(), tokenVersion, sessionId(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }

    public Caller caller() {
        if (!isSignedIn()) {
            return new Caller(null, "anonymous", null, null, null);
        }
        return new Caller(userId(), username(), role(), patientId().orElse(null), staffId().orElse(null));
    }

    private Optional<Long> claimAsLong(String name) {
        if (!isSignedIn() || !token.containsClaim(name)) {
            return Optional.empty();
        }
        Object value = token.getClaim(name);
        if (value instanceof jakarta.json.JsonNumber number) {
            return Optional.of(number.longValue());
        }
        if (value instanceof Number number) {
            return Optional.of(number.longValue());
        }
        return Optional.of(Long.parseLong(value.toString().replace("\"", "")));
    }
}
