package org.mdms.records.user;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.auth.PasswordHasher;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccount;
import org.mdms.records.auth.UserAccountRepository;
import org.mdms.records.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.records.common.PageRequest;
import org.mdms.records.user.UserDtos.NewUser;
import org.mdms.records.user.UserDtos.UserUpdate;
import org.mdms.records.user.UserDtos.UserView;

@ApplicationScoped
public class UserService {

    private final UserAccountRepository users;
    private final PasswordHasher hasher;

    UserService(UserAccountRepository users, PasswordHasher hasher) {
        this.users = users;
        this.hasher = hasher;
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
        return users.findByUsername(request.username())
                .invoke(existing -> {
                    if (existing != null) {
                        throw DomainException.conflict("username", "username " + request.username() + " is taken");
                    }
                })
                .chain(() -> users.persist(user))
                .map(UserView::of);
    }

    @WithTransaction
    public Uni<UserView> update(long id, UserUpdate request) {
        return find(id).invoke(user -> {
            user.setDisplayName(request.displayName());
            user.setEnabled(request.enabled());
        }).map(UserView::of);
    }

    public Uni<Void> changePassword(long id, String password) {
        return hasher.hash(password).chain(hash -> storePassword(id, hash));
    }

    @WithTransaction
    Uni<Void> storePassword(long id, String hash) {
        return find(id).invoke(user -> user.setPasswordHash(hash)).replaceWithVoid();
    }

    public Uni<UserAccount> find(long id) {
        return users.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("user", id));
    }
}
