package org.mdms.records.auth;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserAccountRepository implements PanacheRepository<UserAccount> {

    /** The account with exactly this name: the column is binary-collated, and the name is compared again here. */
    public Uni<UserAccount> findByUsername(String username) {
        return find("username", username).firstResult()
                .map(user -> user != null && user.getUsername().equals(username) ? user : null);
    }

    /** An account whose name differs from this one only in letter case ('Admin' next to 'admin'). */
    public Uni<UserAccount> findByUsernameIgnoringCase(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }
}
