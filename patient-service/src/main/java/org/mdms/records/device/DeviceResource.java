package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.common.PageRequest;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Created;
import org.mdms.records.common.Page;
import org.mdms.records.device.DeviceDtos.AssignmentRequest;
import org.mdms.records.device.DeviceDtos.AssignmentView;
import org.mdms.records.device.DeviceDtos.CredentialView;
import org.mdms.records.device.DeviceDtos.DeviceRequest;
import org.mdms.records.device.DeviceDtos.DeviceView;
import org.mdms.records.device.DeviceDtos.IngestResult;

import java.util.List;
import java.util.Map;

@Path("/api/v1/devices")
@Tag(name = "Devices", description = "Bedside devices, their assignment to patients over time, their credential, "
        + "and the readings they send in batches (stored as vital signs)")
public class DeviceResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "serialNumber", "serialNumber",
            "type", "type", "status", "status", "lastSeenAt", "lastSeenAt");
    private static final String READING_EXAMPLE = "[{\"type\":\"HEART_RATE\",\"value\":72,\"unit\":\"/min\","
            + "\"measuredAt\":\"2026-12-01T08:00:00Z\"},{\"type\":\"BLOOD_PRESSURE\",\"value\":128,"
            + "\"secondaryValue\":82,\"measuredAt\":\"2026-12-01T08:00:00Z\"}]";

    private final DeviceService service;
    private final MeasurementIngest ingest;
    private final CurrentUser currentUser;

    DeviceResource(DeviceService service, MeasurementIngest ingest, CurrentUser currentUser) {
        this.service = service;
        this.ingest = ingest;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Search devices", description = "Paged. `search` matches a prefix of the serial number, "
            + "model or manufacturer; `type` and `status` match exactly.")
    public Uni<Page<DeviceView>> list(@QueryParam("search") @Size(max = 200) String search,
                                      @QueryParam("type") @Size(max = 40)
                                      @Parameter(description = "exactly this device type", example = "BEDSIDE_MONITOR")
                                      String type,
                                      @QueryParam("status") DeviceStatus status,
                                      @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                      @QueryParam("sort") String sort) {
        return service.search(new DeviceRepository.Criteria(search, type, status),
                PageRequest.of(page, size, sort, SORTABLE, "serialNumber"));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "Get a device")
    public Uni<DeviceView> get(@PathParam("id") long id) {
        return service.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Register a device", description = "409 if the serial number is registered already. "
            + "The device can send readings once it has a credential and an assignment.")
    public Uni<Response> create(@NotNull @Valid DeviceRequest request, @Context UriInfo uri) {
        return service.register(request).map(view -> Created.at(uri, view.id(), view));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Update a device", description = "Status, firmware and the rest; a device that is not "
            + "ACTIVE has its readings refused (409). 409 if the serial number belongs to another device.")
    public Uni<DeviceView> update(@PathParam("id") long id, @NotNull @Valid DeviceRequest request) {
        return service.update(id, request);
    }

    @GET
    @Path("/{id}/assignments")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Operation(summary = "A device's assignments", description = "Its history, newest first; endedAt null is the "
            + "current one.")
    public Uni<List<AssignmentView>> assignments(@PathParam("id") long id) {
        return service.assignments(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/assignments")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Assign a device to a patient", description = "From startedAt (now when absent) until "
            + "ended. One open assignment per device: 409 while one is open, or when startedAt is before the last "
            + "one ended; 409 for a device that is not ACTIVE; 422 for an unknown patient.")
    public Uni<Response> assign(@PathParam("id") long id, @NotNull @Valid AssignmentRequest request,
                                @Context UriInfo uri) {
        return service.assign(id, request, currentUser.caller()).map(view -> Created.at(uri, view.id(), view));
    }

    @POST
    @Path("/{id}/assignments/end")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "End the device's assignment", description = "Now. Readings it measures afterwards are "
            + "refused until it is assigned again. 409 when it is not assigned.")
    public Uni<AssignmentView> unassign(@PathParam("id") long id) {
        return service.unassign(id, currentUser.caller());
    }

    @POST
    @Path("/{id}/credentials")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Issue the device's credential", description = "A new random secret, shown in this "
            + "answer only (the service keeps its hash). Issuing again rotates it: the previous secret stops "
            + "working at once. The device sends `Authorization: Device <id>:<secret>` with its readings.")
    public Uni<CredentialView> issueCredential(@PathParam("id") long id) {
        return service.issueCredential(id);
    }

    @POST
    @Path("/{id}/measurements")
    @Consumes({MediaType.APPLICATION_JSON, ReadingParser.NDJSON})
    @PermitAll // authenticated by the device credential below, not by a user's token
    @Operation(summary = "Send a batch of readings", description = "Sent by the device itself with `Authorization: "
            + "Device <id>:<secret>`. A JSON array, or NDJSON (one reading per line, Content-Type "
            + "application/x-ndjson), of at most mdms.devices.ingest.max-readings readings (more: 400) and "
            + "max-body-bytes (more: 413). Each reading is checked on its own: a bad one is listed in `refusals` "
            + "with its index and reason while the good ones are stored (200 whatever each reading's fate; "
            + "accepted + duplicates + refused = received). A reading goes to the patient the device is assigned to"
            + " at its measuredAt; none, or another patientId named, refuses it. Duplicates (same device, type and "
            + "measuredAt) are dropped, so resending a batch is safe. Late and out-of-order readings are accepted "
            + "up to the late window (mdms.devices.ingest.late-window, 24 h by default). Stored readings are vital "
            + "signs and appear in the change feed as VITAL_SIGN_BATCH events (up to "
            + "mdms.devices.ingest.readings-per-event readings each). When too many batches are in flight: 429 "
            + "with Retry-After; nothing of that batch was stored. 401 for a wrong or replaced secret, 403 for another device's "
            + "credential, 409 for a device that is not ACTIVE.\n\n"
            + "**Stream (WebSocket, not described by OpenAPI):** a continuous monitor opens `GET "
            + "/api/v1/devices/{id}/stream` as a WebSocket with the same `Authorization: Device <id>:<secret>` "
            + "header on the upgrade (a wrong credential: the upgrade is refused with 401, 403 or 409). Each text "
            + "frame is one reading or a JSON array of readings, stored as a batch here; it is answered, after the "
            + "commit, by `{frame, received, accepted, duplicates, refused, abnormal, refusals}` (frame = its number "
            + "on the connection), or `{frame, status, detail, errors}` when it is not a batch (400, 413; nothing "
            + "stored, the stream stays open). Close codes: 1013 (try again later) when the streams' write queue "
            + "is full (mdms.devices.ingest.stream-max-queued) or the device is more than "
            + "mdms.devices.ingest.stream-frames-ahead frames ahead of its "
            + "acknowledgements; 1008 when the credential stops being valid; 1011 when storing failed. Whatever "
            + "was not acknowledged was not stored and is resent.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = DeviceDtos.Reading.class), example = READING_EXAMPLE),
            @Content(mediaType = ReadingParser.NDJSON, schema = @Schema(type = SchemaType.STRING),
                    example = "{\"type\":\"SPO2\",\"value\":97,\"measuredAt\":\"2026-12-01T08:00:00Z\"}\n"
                            + "{\"type\":\"TEMPERATURE\",\"value\":36.8,\"measuredAt\":\"2026-12-01T08:00:00Z\"}\n")})
    public Uni<IngestResult> measurements(@PathParam("id") long id,
                                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        boolean ndjson = contentType != null && contentType.toLowerCase().startsWith(ReadingParser.NDJSON);
        return ingest.ingest(id, authorization, body, ndjson);
    }
}
