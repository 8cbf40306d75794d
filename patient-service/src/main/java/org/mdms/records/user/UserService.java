package org.mdms.records.user;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.Panache;
import org.mdms.records.audit.AuditLog;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.PasswordHasher;
import org.mdms.records.auth.Revocations;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccount;
import org.mdms.records.auth.UserAccountRepository;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.user.UserDtos.NewUser;
import org.mdms.records.user.UserDtos.UserUpdate;
import org.mdms.records.user.UserDtos.UserView;

import java.time.Instant;

@ApplicationScoped
public class UserService {

    private final UserAccountRepository users;
    private final PasswordHasher hasher;
    private final Revocations revocations;
    private final AuditLog audit;

    UserService(UserAccountRepository users, PasswordHasher hasher, Revocations revocations, AuditLog audit) {
        this.users = users;
        this.hasher = hasher;
        this.revocations = revocations;
        this.audit = audit;
    }

    @WithSession
    public Uni<Page<UserView>> search(String text, Role role, PageRequest page) {
        String prefix = Like.prefix(text);
        return Page.of(users.find("(:prefix is null or username like :prefix escape '!' "
                        + "or displayName like :prefix escape '!') "
                        + "and (:role is null or role = :role)", page.sort(),
                Parameters.with("prefix", prefix).and("role", role)), page, UserView::of);
    }

    @WithSession
    public Uni<UserView> get(long id) {
        return find(id).map(UserView::of);
    }

    /** Hashes first (on a worker thread), then opens the transaction, so no connection waits on bcrypt. */
    public Uni<UserView> create(NewUser request) {
        return hasher.hash(request.password()).chain(hash -> insert(request, hash));
    }

    @WithTransaction
    Uni<UserView> insert(NewUser request, String hash) {
        UserAccount user = new UserAccount();
        user.setUsername(request.username());
        user.setPasswordHash(hash);
        user.setRole(request.role());
        user.setDisplayName(request.displayName());
        return users.findByUsernameIgnoringCase(request.username())
                .invoke(existing -> {
                    if (existing != null) {
                        throw DomainException.conflict("username", existing.getUsername().equals(request.username())
                                ? "username " + request.username() + " is taken"
                                : "username " + request.username() + " differs from an existing name only in case");
                    }
                })
                .chain(() -> users.persist(user))
                .map(UserView::of);
    }

    /** Disabling the account or changing its role ends its tokens everywhere (once the transaction has committed). */
    public Uni<UserView> update(long id, UserUpdate request, Caller admin) {
        return store(id, request, admin).invoke(revocations::invalidate);
    }

    @WithTransaction
    Uni<UserView> store(long id, UserUpdate request, Caller admin) {
        return find(id).call(user -> {
            boolean disabled = user.isEnabled() && !request.enabled();
            boolean newRole = request.role() != null && request.role() != user.getRole();
            user.setDisplayName(request.displayName());
            user.setEnabled(request.enabled());
            if (!disabled && !newRole) {
                return Uni.createFrom().voidItem();
            }
            String why = (disabled ? "disabled" : "") + (disabled && newRole ? ", " : "")
                    + (newRole ? "role " + user.getRole() + " -> " + request.role() : "");
            if (newRole) {
                user.setRole(request.role());
            }
            user.revokeTokens();
            return revoked(admin, user, why);
        }).map(UserView::of);
    }

    /** A new password ends every token of the account (once the transaction has committed). */
    public Uni<Void> changePassword(long id, String password, Caller admin) {
        return hasher.hash(password).chain(hash -> storePassword(id, hash, admin)).invoke(revocations::invalidate);
    }

    @WithTransaction
    Uni<Void> storePassword(long id, String hash, Caller admin) {
        return find(id).call(user -> {
            user.setPasswordHash(hash);
            user.revokeTokens();
            return revoked(admin, user, "password changed");
        }).replaceWithVoid();
    }

    /** Lifts a lockout before its delay is over. */
    @WithTransaction
    public Uni<UserView> unlock(long id, Caller admin) {
        return find(id).call(user -> {
            boolean wasLocked = user.isLocked(Instant.now());
            user.setLockedUntil(null);
            return Panache.getSession().chain(session -> session
                            .createNativeQuery("UPDATE user_account SET failed_logins = 0 WHERE id = ?1")
                            .setParameter(1, id).executeUpdate()
                            .chain(() -> audit.record(session, admin, AuditLog.Action.UNLOCK, "user", id, null,
                                    "account " + user.getUsername() + (wasLocked ? " unlocked" : " was not locked"))));
        }).map(UserView::of);
    }

    private Uni<Void> revoked(Caller admin, UserAccount user, String why) {
        return Panache.getSession().chain(session -> audit.record(session, admin, AuditLog.Action.REVOKE, "user",
                user.getId(), null, "tokens of " + user.getUsername() + " revoked: " + why));
    }

    public Uni<UserAccount> find(long id) {
        return users.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("user", id));
    }
}
