package org.mdms.analytics.care;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks patient-service for the care relationship, with imaging-service's settings: a 4 s timeout, two retries for
 * transport failures only (never for an answer such as 403 or 404) and a circuit breaker. Nothing is cached: every
 * per-patient answer asks again, so a relationship that ends (visit closed, grant expired) is honoured at once.
 */
@ApplicationScoped
public class PatientCareGateway {

    private final PatientCareApi api;

    public PatientCareGateway(@RestClient PatientCareApi api) {
        this.api = api;
    }

    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<PatientAccess> access(long patientId, String bearer) {
        // question 6 is this service's only per-patient read: patient-service audits it when it lets the caller see it
        return api.access(patientId, PatientCareApi.VITAL_SIGN_SUMMARY, bearer);
    }
}
