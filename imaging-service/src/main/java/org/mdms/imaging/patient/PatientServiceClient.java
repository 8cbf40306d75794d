package org.mdms.imaging.patient;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import org.mdms.common.StrictJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** patient-service's API (its OpenAPI is the contract); the caller's bearer token is passed through. */
@RegisterRestClient(configKey = "patient-service")
@Path("/api/v1")
public interface PatientServiceClient {

    /** Peer answers are read as strictly as requests, but their text as stored ({@link StrictJson#forPeerAnswers}). */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.forPeerAnswers(defaultObjectMapper);
    }


    @GET
    @Path("/patients/{id}/access")
    Uni<PatientRefs.PatientAccess> access(@PathParam("id") long id, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/visits/{id}")
    Uni<PatientRefs.VisitRef> visit(@PathParam("id") long id, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/visits")
    Uni<PatientRefs.VisitPage> visits(@QueryParam("patientId") long patientId, @QueryParam("size") int size,
                                      @QueryParam("sort") String sort, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/staff/{id}")
    Uni<PatientRefs.StaffRef> staff(@PathParam("id") long id, @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/patients")
    Uni<PatientRefs.PatientPage> patients(@QueryParam("page") int page, @QueryParam("size") int size,
                                          @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/patients")
    Uni<PatientRefs.PatientPage> patientsByMrn(@QueryParam("mrn") String mrn, @QueryParam("size") int size,
                                               @HeaderParam("Authorization") String bearer);

    @GET
    @Path("/auth/revocations")
    Uni<PatientRefs.RevocationList> revocations();

    /** Ends the sign-in session of this bearer token (the console's sign-out). */
    @DELETE
    @Path("/auth/session")
    Uni<Void> endSession(@HeaderParam("Authorization") String bearer);

    @POST
    @Path("/auth/login")
    Uni<PatientRefs.LoginResponse> login(PatientRefs.LoginRequest request);
}
