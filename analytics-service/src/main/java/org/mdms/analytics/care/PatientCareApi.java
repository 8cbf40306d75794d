package org.mdms.analytics.care;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import org.mdms.common.StrictJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * patient-service's care relationship (its OpenAPI operation getPatientAccess), asked with the caller's own bearer
 * token. A client of its own (config key patient-care) so it gets short timeouts, unlike the change-feed reader.
 */
@RegisterRestClient(configKey = "patient-care")
@Path("/api/v1")
public interface PatientCareApi {

    /** Peer answers are read as strictly as requests, but their text as stored ({@link StrictJson#forPeerAnswers}). */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.forPeerAnswers(defaultObjectMapper);
    }


    /** The read patient-service audits for the caller with the care check (its audit trail is the hospital's). */
    String VITAL_SIGN_SUMMARY = "VITAL_SIGN_SUMMARY";

    /** With audit=VITAL_SIGN_SUMMARY: patient-service also audits the read when it lets the caller read it. */
    @GET
    @Path("/patients/{id}/access")
    Uni<PatientAccess> access(@PathParam("id") long patientId, @QueryParam("audit") String audit,
                              @HeaderParam("Authorization") String bearer);

    /** Ends the sign-in session of this bearer token (the dashboard's sign-out; operation endSession). */
    @DELETE
    @Path("/auth/session")
    Uni<Void> endSession(@HeaderParam("Authorization") String bearer);
}
