package org.mdms.records.bootstrap;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mdms.records.auth.PasswordHasher;
import org.mdms.records.auth.Role;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The first accounts of a production install, from the environment: an ADMIN (so someone can sign in and create
 * everyone else) and the ANALYST account analytics-service reads the change feed with. Nothing is created when
 * the variables are unset, and an existing account is never changed.
 */
@ApplicationScoped
public class AccountBootstrap {

    private static final Logger LOG = Logger.getLogger(AccountBootstrap.class);

    private final Pool pool;
    private final String adminUsername;
    private final Optional<String> adminPassword;
    private final Optional<String> analystUsername;
    private final Optional<String> analystPassword;

    AccountBootstrap(Pool pool,
                     @ConfigProperty(name = "mdms.bootstrap.admin-username", defaultValue = "admin") String adminUsername,
                     @ConfigProperty(name = "mdms.bootstrap.admin-password") Optional<String> adminPassword,
                     @ConfigProperty(name = "mdms.bootstrap.analyst-username") Optional<String> analystUsername,
                     @ConfigProperty(name = "mdms.bootstrap.analyst-password") Optional<String> analystPassword) {
        this.pool = pool;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.analystUsername = analystUsername;
        this.analystPassword = analystPassword;
    }

    /** Runs before the service takes traffic, so "ready" means the accounts exist. */
    void onStart(@Observes StartupEvent event) {
        adminPassword.ifPresent(password -> ensure(adminUsername, password, Role.ADMIN, "系统管理员"));
        if (analystUsername.isPresent() && analystPassword.isPresent()) {
            ensure(analystUsername.get(), analystPassword.get(), Role.ANALYST, "analytics-service");
        }
    }

    private void ensure(String username, String password, Role role, String displayName) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        int created = pool.preparedQuery("""
                        INSERT INTO user_account (username, password_hash, role, display_name, enabled, created_at,
                                                  updated_at, version)
                        SELECT ?, ?, ?, ?, TRUE, ?, ?, 0 FROM DUAL
                        WHERE NOT EXISTS (SELECT 1 FROM user_account WHERE username = ?)""")
                .execute(Tuple.from(new Object[]{username, PasswordHasher.hashNow(password), role.name(), displayName,
                        now, now, username}))
                .onItem().transform(rows -> rows.rowCount())
                .await().atMost(Duration.ofSeconds(30));
        if (created > 0) {
            LOG.infof("bootstrap: created the %s account '%s'", role, username);
        }
    }
}
