package org.mdms.analytics.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import org.mdms.common.StrictJson;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.mdms.analytics.warehouse.ChangePage;

import java.math.BigDecimal;
import java.util.List;

/** The parts of patient-service's API analytics reads (reactive REST client; wrapped in {@link PatientServiceGateway}). */
@RegisterRestClient(configKey = "patient-service")
@Path("/api/v1")
public interface PatientServiceApi {

    /** Peer answers are read as strictly as requests, but their text as stored ({@link StrictJson#forPeerAnswers}). */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.forPeerAnswers(defaultObjectMapper);
    }


    record Login(String username, String password) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(String access_token, String token_type, long expires_in) {
    }

    /** Tokens of a listed user below tokenVersion are revoked, and so are the listed sessions (sid claims). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevocationList(List<RevokedUser> users, List<String> sessions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RevokedUser(long id, int tokenVersion) {
    }

    @GET
    @Path("/auth/revocations")
    Uni<RevocationList> revocations();

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MonthTotals(String month, long prescriptions, long items, long quantity, BigDecimal amount) {
    }

    /** One month and one department, doctor or drug (id): patient-service's /reports/prescription-breakdown. */
    record BreakdownRow(String month, long id, long prescriptions, long items, long quantity, BigDecimal amount) {
    }

    @POST
    @Path("/auth/login")
    Uni<Token> login(Login login);

    @GET
    @Path("/changes")
    Uni<ChangePage> changes(@QueryParam("after") long after, @QueryParam("limit") int limit,
                            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/reports/prescription-totals")
    Uni<List<MonthTotals>> prescriptionTotals(@QueryParam("from") String from, @QueryParam("to") String to,
                                              @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/reports/prescription-breakdown")
    Uni<List<BreakdownRow>> prescriptionBreakdown(@QueryParam("from") String from, @QueryParam("to") String to,
                                                  @QueryParam("by") String by,
                                                  @HeaderParam("Authorization") String authorization);
}
