package org.mdms.records.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdms.records.common.DomainException;

import java.util.Set;

/** Checks a username and password and issues the RS256 token every MDMS service accepts. */
@ApplicationScoped
public class TokenService {

    public static final String PATIENT_ID_CLAIM = "patient_id";
    public static final String STAFF_ID_CLAIM = "staff_id";

    private final UserAccountRepository users;
    private final PasswordHasher hasher;
    private final JwtSettings settings;
    private final KeyMaterial keys;
    private final Mutiny.SessionFactory sessions;

    TokenService(UserAccountRepository users, PasswordHasher hasher, JwtSettings settings, KeyMaterial keys,
                 Mutiny.SessionFactory sessions) {
        this.users = users;
        this.hasher = hasher;
        this.settings = settings;
        this.keys = keys;
        this.sessions = sessions;
    }

    public record IssuedToken(String accessToken, long expiresInSeconds) {
    }

    public Uni<IssuedToken> login(String username, String password) {
        return sessions.withSession(session -> users.findByUsername(username)
                .onItem().ifNull().failWith(TokenService::badCredentials)
                .onItem().transformToUni(user -> hasher.matches(password, user.getPasswordHash())
                        .onItem().transform(matches -> {
                            if (!matches || !user.isEnabled()) {
                                throw badCredentials();
                            }
                            return user;
                        }))
                .onItem().transformToUni(user -> linkedRecordId(session, user)
                        .onItem().transform(linkedId -> issue(user, linkedId))));
    }

    /** The patient row of a PATIENT user or the staff row of a staff user, carried in the token. */
    private Uni<Long> linkedRecordId(Mutiny.Session session, UserAccount user) {
        String table = user.getRole() == Role.PATIENT ? "patient" : user.getRole().isStaff() ? "staff" : null;
        if (table == null) {
            return Uni.createFrom().nullItem();
        }
        return session.createNativeQuery("SELECT id FROM " + table + " WHERE user_id = ?1", Long.class)
                .setParameter(1, user.getId())
                .getSingleResultOrNull();
    }

    private IssuedToken issue(UserAccount user, Long linkedId) {
        long lifetime = settings.lifetime().toSeconds();
        var builder = Jwt.issuer(settings.issuer())
                .subject(Long.toString(user.getId()))
                .upn(user.getUsername())
                .groups(Set.of(user.getRole().name()))
                .claim("name", user.getDisplayName())
                .expiresIn(lifetime);
        if (linkedId != null) {
            builder.claim(user.getRole() == Role.PATIENT ? PATIENT_ID_CLAIM : STAFF_ID_CLAIM, linkedId);
        }
        return new IssuedToken(builder.jws().keyId(keys.keyId()).sign(), lifetime);
    }

    private static DomainException badCredentials() {
        return DomainException.unauthorized("unknown username or wrong password");
    }
}
