package org.mdms.records.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdms.records.common.DomainException;

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

    public boolean is(Role role) {
        return isSignedIn() && role() == role;
    }

    /** A patient may only touch their own record; everyone else passes (their role was checked already). */
    public void checkMayAccessPatient(long patientId) {
        if (is(Role.PATIENT) && patientId().map(own -> own != patientId).orElse(true)) {
            throw DomainException.forbidden("patients may only access their own records");
        }
    }

    public AuditActor actor() {
        if (!isSignedIn()) {
            return new AuditActor(null, "anonymous", null);
        }
        return new AuditActor(userId(), username(), role().name());
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

    /** A copy of who acted, safe to carry into reactive callbacks after the request scope ends. */
    public record AuditActor(Long userId, String username, String role) {
    }
}
