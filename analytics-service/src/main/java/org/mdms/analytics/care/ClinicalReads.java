package org.mdms.analytics.care;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;

import java.util.List;

/**
 * Per-patient answers follow patient-service's care relationship, asked with the caller's token: unknown patient
 * 404, no relationship 403, patient-service unreachable 503. Never an answer without the check.
 */
@ApplicationScoped
public class ClinicalReads {

    private static final Logger LOG = Logger.getLogger(ClinicalReads.class);

    private final PatientCareGateway gateway;

    public ClinicalReads(PatientCareGateway gateway) {
        this.gateway = gateway;
    }

    /** Succeeds when the caller may read this patient's vital signs (question 6). */
    public Uni<Void> requireVitalSigns(long patientId, JsonWebToken caller) {
        return gateway.access(patientId, "Bearer " + caller.getRawToken())
                .onFailure().transform(failure -> refusal(patientId, failure))
                .invoke(access -> {
                    if (!access.existsForCaller()) {
                        throw notFound(patientId);
                    }
                    if (!access.readsVitalSigns()) {
                        throw DomainException.forbidden("a patient's vital signs are shown to admins and to the staff "
                                + "who treat patient " + patientId + " (or hold break-the-glass access, POST "
                                + "/api/v1/patients/" + patientId + "/emergency-access on patient-service); "
                                + "your relationship to the patient is " + access.relation());
                    }
                })
                .replaceWithVoid();
    }

    private static Throwable refusal(long patientId, Throwable failure) {
        int status = failure instanceof WebApplicationException e ? e.getResponse().getStatus() : -1;
        return switch (status) {
            case 404 -> notFound(patientId);
            case 403 -> DomainException.forbidden("patient-service does not let you see patient " + patientId);
            case 401 -> DomainException.unauthorized("patient-service refused the bearer token");
            default -> {
                // timeouts, refused connections, an open circuit, 5xx answers: the relationship cannot be checked now
                LOG.warnf("care relationship of patient %d not checked: %s", patientId, failure.toString());
                yield DomainException.unavailable("patient-service is unavailable, so your care relationship with "
                        + "patient " + patientId + " could not be checked; try again later");
            }
        };
    }

    private static DomainException notFound(long patientId) {
        return new DomainException(404, "Not Found", "patient " + patientId + " does not exist", List.of());
    }
}
