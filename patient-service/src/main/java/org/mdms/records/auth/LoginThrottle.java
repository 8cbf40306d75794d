package org.mdms.records.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted in memory: per client address (a fixed window), and per user name that has no account (the
 * same lockout an account gets, so a 429 does not tell whether a name exists). Accounts themselves are locked in the
 * database ({@link TokenService}). Kept per instance; behind several replicas each counts its own share.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Entries kept at most per map; expired ones are dropped first, then everything (a flood of made-up names). */
    private static final int MAX_ENTRIES = 50_000;

    private record Window(int failures, Instant start, Instant blockedUntil) {
    }

    private final AccountSettings settings;
    private final Map<String, Window> clients = new ConcurrentHashMap<>();
    private final Map<String, Window> unknownNames = new ConcurrentHashMap<>();

    LoginThrottle(AccountSettings settings) {
        this.settings = settings;
    }

    /** How long this client must wait, if it made too many failed sign-ins lately. */
    public Optional<Duration> clientBlocked(String client) {
        return blocked(clients, client);
    }

    public void clientFailed(String client) {
        Duration window = settings.client().window();
        count(clients, client, settings.client().maxFailures(),
                (start, now) -> now.isAfter(start.plus(window)), start -> start.plus(window));
    }

    public Optional<Duration> unknownNameLocked(String username) {
        return blocked(unknownNames, username);
    }

    public void unknownNameFailed(String username) {
        Duration lock = settings.lockout().duration();
        count(unknownNames, username, settings.lockout().maxFailures(), (start, now) -> false,
                start -> Instant.now().plus(lock));
    }

    private interface Expiry {
        boolean over(Instant start, Instant now);
    }

    private static Optional<Duration> blocked(Map<String, Window> windows, String key) {
        Window window = windows.get(key);
        Instant now = Instant.now();
        if (window == null || window.blockedUntil() == null || !now.isBefore(window.blockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.blockedUntil()));
    }

    private static void count(Map<String, Window> windows, String key, int max, Expiry expired,
                              java.util.function.Function<Instant, Instant> blockUntil) {
        if (windows.size() >= MAX_ENTRIES) {
            prune(windows);
        }
        Instant now = Instant.now();
        windows.compute(key, (k, old) -> {
            boolean fresh = old == null || expired.over(old.start(), now)
                    || (old.blockedUntil() != null && !now.isBefore(old.blockedUntil()));
            Window current = fresh ? new Window(0, now, null) : old;
            int failures = current.failures() + 1;
            return new Window(failures, current.start(), failures >= max ? blockUntil.apply(current.start()) : null);
        });
    }

    private static void prune(Map<String, Window> windows) {
        Instant now = Instant.now();
        windows.values().removeIf(w -> w.blockedUntil() == null ? w.start().isBefore(now.minus(Duration.ofHours(1)))
                : now.isAfter(w.blockedUntil()));
        if (windows.size() >= MAX_ENTRIES) {
            windows.clear();
        }
    }
}
