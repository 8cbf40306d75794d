package org.mdms.records.auth;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class UserAccountRepository implements PanacheRepository<UserAccount> {

    public Uni<UserAccount> findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
