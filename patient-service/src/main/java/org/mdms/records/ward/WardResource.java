package org.mdms.records.ward;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.SessionStreams;
import org.mdms.records.ward.WardDtos.WardUpdate;

@Path("/api/v1/wards")
@Tag(name = "Wards", description = "The live view of a ward: the newest readings of its patients")
public class WardResource {

    static final String EVENT_EXAMPLE = "data:{\"departmentId\":1,\"patientId\":1,\"readings\":[{\"type\":\"SPO2\","
            + "\"value\":97,\"secondaryValue\":null,\"unit\":\"%\",\"abnormal\":false,"
            + "\"measuredAt\":\"2026-12-01T08:00:00Z\"}]}\n\n";

    private final WardStream stream;
    private final SessionStreams sessions;
    private final CurrentUser currentUser;

    WardResource(WardStream stream, SessionStreams sessions, CurrentUser currentUser) {
        this.stream = stream;
        this.sessions = sessions;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/{departmentId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "A ward's newest readings (server-sent events)", description = "A text/event-stream of "
            + "WardUpdate events: first the newest reading of each type of every patient with an OPEN visit in the "
            + "department, then each patient's new newest readings as they are stored. Only patients whose vital "
            + "signs the caller may read are sent (a nurse of another department receives nothing; so does anyone "
            + "for a department without patients, or an unknown one). The stream ends at the token's exp "
            + "and within the revocation bound once its session or user is revoked: reconnect with a fresh token.")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = WardUpdate.class),
            examples = @ExampleObject(name = "update", value = EVENT_EXAMPLE)))
    public Multi<WardUpdate> stream(@Parameter(example = "1") @PathParam("departmentId") long departmentId) {
        return sessions.whileSignedIn(currentUser.lease(), stream.updatesFor(departmentId, currentUser.caller()));
    }
}
