package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.warehouse.ChangePage;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls to patient-service with a timeout, retries and a circuit breaker, logged in as the feed account
 * (mdms.analytics.feed.*). The token is kept until shortly before it expires, and dropped on a 401.
 */
@ApplicationScoped
public class PatientServiceGateway {

    private record CachedToken(String header, Instant expires) {
    }

    private final PatientServiceApi api;
    private final AnalyticsConfig config;
    private final AtomicReference<CachedToken> token = new AtomicReference<>();

    public PatientServiceGateway(@RestClient PatientServiceApi api, AnalyticsConfig config) {
        this.api = api;
        this.config = config;
    }

    @Timeout(15_000)
    @Retry(maxRetries = 2, delay = 300, abortOn = {IllegalArgumentException.class})
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5_000)
    public Uni<ChangePage> changes(long after, int limit) {
        return authorized(header -> api.changes(after, limit, header));
    }

    @Timeout(30_000)
    @Retry(maxRetries = 2, delay = 300)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5_000)
    public Uni<List<PatientServiceApi.MonthTotals>> prescriptionTotals(YearMonth from, YearMonth to) {
        return authorized(header -> api.prescriptionTotals(from.toString(), to.toString(), header));
    }

    /** by: department, doctor or drug. */
    @Timeout(30_000)
    @Retry(maxRetries = 2, delay = 300)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 5_000)
    public Uni<List<PatientServiceApi.BreakdownRow>> prescriptionBreakdown(YearMonth from, YearMonth to, String by) {
        return authorized(header -> api.prescriptionBreakdown(from.toString(), to.toString(), by, header));
    }

    private <T> Uni<T> authorized(java.util.function.Function<String, Uni<T>> call) {
        return bearer().chain(header -> call.apply(header)).onFailure(this::isUnauthorized).invoke(() -> token.set(null));
    }

    private boolean isUnauthorized(Throwable failure) {
        return failure instanceof WebApplicationException w && w.getResponse().getStatus() == 401;
    }

    private Uni<String> bearer() {
        CachedToken cached = token.get();
        if (cached != null && Instant.now().isBefore(cached.expires())) {
            return Uni.createFrom().item(cached.header());
        }
        return api.login(new PatientServiceApi.Login(config.feed().username(), config.feed().password()))
                .map(t -> {
                    // renew a minute early (or halfway for short-lived tokens) so a call never carries an expired token
                    long lifetime = Math.max(1, t.expires_in());
                    CachedToken fresh = new CachedToken("Bearer " + t.access_token(),
                            Instant.now().plusSeconds(Math.max(lifetime / 2, lifetime - 60)));
                    token.set(fresh);
                    return fresh.header();
                });
    }
}
