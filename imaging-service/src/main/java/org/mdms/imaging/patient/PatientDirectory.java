package org.mdms.imaging.patient;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Asks patient-service whether patients, visits and staff exist and how the caller relates to a patient.
 * A timeout, retries (only for transport failures, never for a 4xx answer) and a circuit breaker protect uploads
 * and reads from a slow or absent peer; "absent" (404) is an answer, not a failure.
 */
@ApplicationScoped
public class PatientDirectory {

    private static final Logger LOG = Logger.getLogger(PatientDirectory.class);

    private final PatientServiceClient client;

    PatientDirectory(@RestClient PatientServiceClient client) {
        this.client = client;
    }

    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<Optional<PatientRefs.PatientAccess>> access(long patientId, String bearer) {
        return absentIfNotFound(client.access(patientId, bearer));
    }

    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<Optional<PatientRefs.VisitRef>> visit(long id, String bearer) {
        return absentIfNotFound(client.visit(id, bearer));
    }

    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<Optional<PatientRefs.StaffRef>> staff(long id, String bearer) {
        return absentIfNotFound(client.staff(id, bearer));
    }

    /**
     * The patient's newest visits as patient-service lists them for this caller; none when it refuses the caller
     * (a visit is optional on an upload, and the upload checks the one chosen again) or cannot answer (logged: the
     * gallery still shows the images).
     */
    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<List<PatientRefs.VisitChoice>> visitsOf(long patientId, String bearer) {
        return client.visits(patientId, 50, "startedAt,desc", bearer)
                .map(page -> page.items() == null ? List.<PatientRefs.VisitChoice>of() : page.items())
                .onFailure(t -> statusOf(t) == 403).recoverWithItem(List.of());
    }

    /** {@link #visitsOf}, never failing: the upload form without visits when patient-service cannot list them. */
    public Uni<List<PatientRefs.VisitChoice>> visitsOrNone(long patientId, String bearer) {
        return visitsOf(patientId, bearer).onFailure().recoverWithItem(e -> {
            LOG.warnf("the visits of patient %d could not be listed for the upload form: %s", patientId, e);
            return List.of();
        });
    }

    /** The live patient with this MRN (patient-service's exact-MRN search), if any. */
    @AsynchronousNonBlocking
    @Timeout(4000)
    @Retry(maxRetries = 2, delay = 200, abortOn = WebApplicationException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.6, delay = 5000, skipOn = WebApplicationException.class)
    public Uni<Optional<PatientRefs.PatientRef>> byMrn(String mrn, String bearer) {
        return client.patientsByMrn(mrn, 2, bearer).map(page -> page.items() == null ? Optional.<PatientRefs.PatientRef>empty()
                        : page.items().stream().filter(p -> mrn.equals(p.mrn())).findFirst())
                // 400: an MRN patient-service refuses to search for (too long) is no patient's MRN
                .onFailure(t -> statusOf(t) == 400).recoverWithItem(Optional.empty());
    }

    /** patient-service's 404 means "no such record", which the caller turns into its own 404/422. */
    private static <T> Uni<Optional<T>> absentIfNotFound(Uni<T> call) {
        return call.map(Optional::of).onFailure(PatientDirectory::isNotFound).recoverWithItem(Optional.empty());
    }

    static boolean isNotFound(Throwable t) {
        return t instanceof WebApplicationException e && e.getResponse().getStatus() == 404;
    }

    public static int statusOf(Throwable t) {
        return t instanceof WebApplicationException e ? e.getResponse().getStatus() : -1;
    }
}
