package org.mdms.imaging.dicom;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.QueryChecks;
import org.mdms.imaging.dicom.DicomDtos.InstanceView;
import org.mdms.imaging.dicom.DicomDtos.SeriesView;
import org.mdms.imaging.dicom.DicomDtos.StowResult;
import org.mdms.imaging.dicom.DicomDtos.StudyView;
import org.mdms.imaging.image.ImageContent.Download;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.Role;
import org.mdms.imaging.support.PageView;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** HTTP for DICOM: parse, call DicomIngest / DicomSearch, map to status codes. */
@Path("/api/v1/dicom")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "DICOM", description = "DICOM instances: upload one Part 10 file, search studies, series and instances "
        + "in the manner of DICOMweb, download, DICOM JSON metadata, thumbnails")
public class DicomResource {

    public static final String APPLICATION_DICOM = "application/dicom";
    public static final String DICOM_JSON = "application/dicom+json";
    /** A DICOM UID (PS3.5 9.1): digits and dots, at most 64 characters. */
    static final String UID = "^[0-9]+(\\.[0-9]+)*$";
    private static final java.util.regex.Pattern UID_PATTERN = java.util.regex.Pattern.compile(UID);
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.1.1";
    private static final String SOP = "1.2.826.0.1.3680043.8.498.1.1.1";
    /** The metadata operations' examples (study, series, instance): DICOM JSON, and the same as plain JSON. */
    private static final String METADATA_EXAMPLE = "[{\"00100020\":{\"vr\":\"LO\",\"Value\":"
            + "[\"MRN0000000001\"]},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}]";
    private static final String METADATA_EXAMPLE_SHORT = "[{\"00100020\":{\"vr\":\"LO\","
            + "\"Value\":[\"MRN0000000001\"]}}]";

    private final DicomReceiver receiver;
    private final DicomIngest ingest;
    private final DicomStow stow;
    private final DicomSearch search;
    private final DicomLifecycle lifecycle;
    private final JsonWebToken jwt;

    /** The request path, for problem+json answers of streamed responses. */
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    DicomResource(DicomReceiver receiver, DicomIngest ingest, DicomStow stow, DicomSearch search,
                  DicomLifecycle lifecycle, JsonWebToken jwt) {
        this.receiver = receiver;
        this.lifecycle = lifecycle;
        this.ingest = ingest;
        this.stow = stow;
        this.search = search;
        this.jwt = jwt;
    }

    @POST
    @Path("instances")
    @Consumes(APPLICATION_DICOM)
    // the body is read as a stream into a temporary file on a worker thread, never held in memory whole
    @Blocking
    @Operation(summary = "Upload one DICOM instance (a Part 10 file)",
            description = "The body is one DICOM Part 10 file (preamble, DICM, file meta information) in implicit or "
                    + "explicit VR little endian, or an encapsulated (compressed) syntax. The patient is the one whose "
                    + "MRN is the file's PatientID (0010,0020) (422 naming the tag when none); a different "
                    + "PatientName or PatientBirthDate is accepted and noted in identityNote. ADMIN, DOCTOR, NURSE, "
                    + "TECHNICIAN; staff only for patients they treat. Stored under "
                    + "dicom/{patientId}/{studyUID}/{seriesUID}/{sopUID}.dcm with its SHA-256. The same SOP Instance "
                    + "UID with the same bytes again answers 200 with the stored instance; with other bytes 409. "
                    + "415 not a Part 10 file or an unread transfer syntax (big endian, deflated), 400 a broken file "
                    + "(truncated, a length past the end) or a missing/invalid UID, naming where; 413 above the size "
                    + "limit; 503 when patient-service, storage or the database is down (nothing stored then).")
    @RequestBody(required = true, content = @Content(mediaType = APPLICATION_DICOM,
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "ct-slice", summary = "a CT slice as a DICOM Part 10 file",
                    description = "the bytes of one .dcm file (128-byte preamble, 'DICM', meta group, data set)",
                    value = "<bytes of CT000001.dcm>")))
    @APIResponse(responseCode = "201", description = "stored and indexed; Location names the instance",
            headers = @Header(name = "Location", description = "URL of the instance",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InstanceView.class)))
    @APIResponse(responseCode = "200", description = "this instance was stored before with the same bytes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InstanceView.class)))
    public Uni<RestResponse<InstanceView>> upload(InputStream body,
                                                  @HeaderParam("Content-Length") @Parameter(hidden = true)
                                                  String contentLength) {
        Caller caller = caller();
        ingest.checkRole(caller);
        DicomReceiver.Received received = receiver.receive(body, declaredLength(contentLength));
        return ingest.ingest(caller, received)
                .eventually(received::discard)
                .map(outcome -> {
                    InstanceView v = outcome.instance();
                    if (!outcome.created()) {
                        return RestResponse.ok(v);
                    }
                    return RestResponse.ResponseBuilder.<InstanceView>created(URI.create("/api/v1/dicom/studies/"
                            + v.studyInstanceUid() + "/series/" + v.seriesInstanceUid() + "/instances/"
                            + v.sopInstanceUid())).entity(v).build();
                });
    }

    @POST
    @Path("studies")
    @Consumes("multipart/related")
    // the parts are read as a stream on a worker thread, each into memory up to mdms.dicom.memory-limit, else a file
    @Blocking
    @Operation(summary = "Store DICOM instances (STOW-RS)",
            description = "A multipart/related body (type=\"application/dicom\") whose parts are DICOM Part 10 files, "
                    + "as DICOMweb's STOW-RS. Each part follows the rules of POST /api/v1/dicom/instances (patient "
                    + "by MRN, same bytes again = EXISTING, other bytes under a stored SOP Instance UID = REFUSED "
                    + "409); a refused part does not stop the others. 200 with every part's outcome (STORED, "
                    + "EXISTING, REFUSED with its status and reason) and the counts. 415 when the body is not "
                    + "multipart/related of application/dicom; 400 when it is not well-formed (no boundary, no "
                    + "parts, cut before the closing boundary).")
    @RequestBody(required = true, content = @Content(mediaType = "multipart/related",
            schema = @Schema(type = SchemaType.STRING, format = "binary"),
            examples = @ExampleObject(name = "two-slices", summary = "two CT slices",
                    description = "Content-Type: multipart/related; type=\"application/dicom\"; boundary=b; each "
                            + "part has Content-Type: application/dicom and one .dcm file as its body",
                    value = "--b\r\nContent-Type: application/dicom\r\n\r\n<bytes of CT000001.dcm>\r\n--b\r\n"
                            + "Content-Type: application/dicom\r\n\r\n<bytes of CT000002.dcm>\r\n--b--")))
    @APIResponse(responseCode = "200", description = "every part's outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StowResult.class)))
    public Uni<StowResult> storeStudies(InputStream body,
                                        @HeaderParam("Content-Type") @Parameter(hidden = true) String contentType) {
        Caller caller = caller();
        ingest.checkRole(caller);
        return stow.store(caller, body, contentType);
    }

    @GET
    @Path("studies")
    @Operation(summary = "Search DICOM studies",
            description = "By patientId (required except for admins; a patient gets their own), study date range "
                    + "from/to (yyyy-MM-dd, StudyDate) and modality (a series of that modality). Paged: page (from 0), "
                    + "size (1-200), sort=studyDate|createdAt|id[,asc|desc]. Staff see the studies of patients they "
                    + "treat (403 otherwise); analysts none.")
    // the roles of Caller.readsPatientImages, checked before any parameter is converted (patientId=abc: 403, not 400)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    public Uni<PageView<StudyView>> studies(@QueryParam("patientId") @Parameter(example = "7") Long patientId,
                                            @QueryParam("from") @Parameter(example = "2026-01-01") String from,
                                            @QueryParam("to") @Parameter(example = "2026-12-31") String to,
                                            @QueryParam("modality") @Parameter(example = "CT") String modality,
                                            @QueryParam("page") Integer page,
                                            @QueryParam("size") Integer size,
                                            @QueryParam("sort") @Parameter(example = "studyDate,desc") String sort) {
        QueryChecks query = new QueryChecks();
        DicomSearch.StudyFilter filter = query.check(() -> DicomSearch.StudyFilter.of(patientId, from, to, modality));
        PageRequest request = query.check(() -> PageRequest.of(page, size, sort, DicomQueries.STUDY_SORTABLE,
                "studyDate,desc"));
        query.refuseIfAny();
        return search.studies(caller(), filter, request);
    }

    @GET
    @Path("studies/{study}/series")
    @Operation(summary = "The series of a study")
    public Uni<List<SeriesView>> series(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study) {
        readable("study", study);
        return search.series(caller(), study);
    }

    @GET
    @Path("studies/{study}/metadata")
    @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Every instance of a study as DICOM JSON",
            description = "An array with one data set per instance (PS3.18 F.2), ordered by series and instance number.")
    @APIResponse(responseCode = "200", description = "DICOM JSON",
            content = {@Content(mediaType = DICOM_JSON, example = METADATA_EXAMPLE),
                    @Content(mediaType = MediaType.APPLICATION_JSON, example = METADATA_EXAMPLE_SHORT)})
    public Uni<List<Map<String, Object>>> studyMetadata(@PathParam("study") @Parameter(example = STUDY,
            schema = @Schema(type = SchemaType.STRING, pattern = UID, maxLength = 64)) String study) {
        readable("study", study);
        return search.metadata(caller(), study, null);
    }

    @GET
    @Path("studies/{study}/series/{series}/metadata")
    @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "Every instance of a series as DICOM JSON",
            description = "An array with one data set per instance (PS3.18 F.2), ordered by instance number.")
    @APIResponse(responseCode = "200", description = "DICOM JSON",
            content = {@Content(mediaType = DICOM_JSON, example = METADATA_EXAMPLE),
                    @Content(mediaType = MediaType.APPLICATION_JSON, example = METADATA_EXAMPLE_SHORT)})
    public Uni<List<Map<String, Object>>> seriesMetadata(@PathParam("study") @Parameter(example = STUDY,
            schema = @Schema(type = SchemaType.STRING, pattern = UID, maxLength = 64)) String study,
                                                         @PathParam("series") @Parameter(example = SERIES,
            schema = @Schema(type = SchemaType.STRING, pattern = UID, maxLength = 64)) String series) {
        readable("study", study, "series", series);
        return search.metadata(caller(), study, series);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered")
    @Produces({"image/jpeg", "image/png"})
    @Operation(summary = "One frame rendered as JPEG or PNG",
            description = "Frame numbers start at 1. Accept chooses the format (image/png, else JPEG). Uncompressed "
                    + "monochrome (rescale, the file's first window, else the frame's min/max; MONOCHROME1 inverted), "
                    + "uncompressed 8-bit RGB and JPEG baseline are rendered at full size; other transfer syntaxes "
                    + "and pixel formats are a 422 saying which (the thumbnailNote), a frame past the last a 404, an "
                    + "Accept without image/jpeg or image/png a 406.")
    @APIResponse(responseCode = "200", description = "the frame",
            content = {@Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "jpeg", summary = "frame 1 as JPEG", value = "<JPEG bytes>")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"),
                            examples = @ExampleObject(name = "png", summary = "frame 1 as PNG", value = "<PNG bytes>"))})
    public Uni<Response> rendered(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                  @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                  @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance,
                                  @PathParam("frame") @Parameter(example = "1", schema = @Schema(type = SchemaType.STRING,
                    pattern = "^[0-9]{1,9}$")) String frame,
                                  @HeaderParam("Accept") @Parameter(hidden = true) String accept) {
        readable("study", study, "series", series, "instance", instance);
        int number = frameNumber(frame);
        String format = renderFormat(accept);
        return search.rendered(caller(), study, series, instance, number, format)
                .map(d -> {
                    Response.ResponseBuilder r = Response.ok(d.inline(), "image/" + format);
                    d.headers().getOrDefault("ETag", List.of()).forEach(e -> r.header("ETag", e));
                    return r.build();
                });
    }

    @DELETE
    @Path("studies/{study}/series/{series}/instances/{instance}")
    @Operation(summary = "Soft delete a DICOM instance with a reason",
            description = "Only the uploader, a doctor treating the patient and admins (403 otherwise). The instance "
                    + "disappears from reads, lists and metadata; admins can restore it until the retention period "
                    + "(mdms.images.retention) ends and the purge job removes its file and thumbnail.")
    public Uni<InstanceView> delete(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                    @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                    @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance,
                                    @QueryParam("reason") @Parameter(example = "sent for the wrong patient") String reason) {
        uids("study", study, "series", series, "instance", instance);
        return lifecycle.delete(caller(), study, series, instance, reason);
    }

    @POST
    @Path("studies/{study}/series/{series}/instances/{instance}/restore")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Restore a soft-deleted DICOM instance (admins)",
            description = "409 when it is not deleted, or once purged.")
    public Uni<InstanceView> restore(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                     @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                     @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance) {
        uids("study", study, "series", series, "instance", instance);
        return lifecycle.restore(caller(), study, series, instance);
    }

    /** A frame number from 1. */
    private static int frameNumber(String frame) {
        if (frame == null || !frame.matches("[0-9]{1,9}") || Integer.parseInt(frame) < 1) {
            throw DomainException.invalid("frame", "must be a frame number from 1, got '" + frame + "'");
        }
        return Integer.parseInt(frame);
    }

    /** png when the client asks for image/png before (or without) image/jpeg; jpeg for image/jpeg, image/*, any. */
    static String renderFormat(String accept) {
        if (accept == null || accept.isBlank()) {
            return "jpeg";
        }
        String best = null;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String format = switch (type) {
                case "image/png" -> "png";
                case "image/jpeg", "image/*", "*/*" -> "jpeg";
                default -> null;
            };
            if (format != null && q > bestQ) {
                best = format;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new DomainException(406, "Not Acceptable", "Accept: a rendered frame is image/jpeg or image/png, "
                    + "not '" + accept + "'", List.of(new DomainException.FieldError("Accept",
                    "must accept image/jpeg or image/png")));
        }
        return best;
    }

    @GET
    @Path("studies/{study}/series/{series}/instances")
    @Operation(summary = "The instances of a series")
    public Uni<List<InstanceView>> instances(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                             @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series) {
        readable("study", study, "series", series);
        return search.instances(caller(), study, series);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances/{instance}")
    @Operation(summary = "One instance: what was read and stored (size, SHA-256, thumbnail status, identity note)")
    public Uni<InstanceView> instance(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                      @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                      @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance) {
        readable("study", study, "series", series, "instance", instance);
        return search.view(caller(), study, series, instance);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances/{instance}/metadata")
    @Produces({DICOM_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "The instance's attributes as DICOM JSON",
            description = "An array with one data set (PS3.18 F.2): the attributes MDMS reads (patient, study, "
                    + "series and instance identifiers, modality, dates, body part, image geometry, window), keyed "
                    + "by tag, with vr and Value.")
    @APIResponse(responseCode = "200", description = "DICOM JSON",
            content = {@Content(mediaType = DICOM_JSON, example = METADATA_EXAMPLE),
                    @Content(mediaType = MediaType.APPLICATION_JSON, example = METADATA_EXAMPLE_SHORT)})
    public Uni<List<Map<String, Object>>> metadata(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                                   @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                                   @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance) {
        readable("study", study, "series", series, "instance", instance);
        return search.metadata(caller(), study, series, instance);
    }

    @GET
    @Path("studies/{study}/series/{series}/instances/{instance}/file")
    @Produces(APPLICATION_DICOM)
    @Operation(summary = "Download the instance's Part 10 file",
            description = "Streamed, as stored, with Content-Length and ETag (the SHA-256).")
    public RestMulti<byte[]> file(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                  @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                  @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance) {
        return stream(checked(study, series, instance).chain(() -> search.file(caller(), study, series, instance)));
    }

    @GET
    @Path("studies/{study}/series/{series}/instances/{instance}/thumbnail")
    @Produces("image/jpeg")
    @Operation(summary = "JPEG thumbnail of frame 1",
            description = "Made after the upload for uncompressed monochrome (window from the file, else min/max) "
                    + "and RGB, and for JPEG baseline. 409 with Retry-After while thumbnailStatus is PENDING; 409 "
                    + "when it is FAILED or NONE (thumbnailNote says why: e.g. a JPEG 2000 instance).")
    public RestMulti<byte[]> thumbnail(@PathParam("study") @Parameter(example = STUDY, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String study,
                                       @PathParam("series") @Parameter(example = SERIES, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String series,
                                       @PathParam("instance") @Parameter(example = SOP, schema = @Schema(type = SchemaType.STRING,
                    pattern = UID, maxLength = 64)) String instance) {
        return stream(checked(study, series, instance)
                .chain(() -> search.thumbnail(caller(), study, series, instance, uri.getPath())));
    }

    /** Each named path value must be a UID (400 naming every one that is not). */
    private static void uids(String... namesAndValues) {
        QueryChecks checks = new QueryChecks();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            String value = namesAndValues[i + 1];
            checks.check(() -> {
                if (value.length() > 64 || !UID_PATTERN.matcher(value).matches()) {
                    throw DomainException.invalid(name, "must be a DICOM UID (digits and "
                            + "dots, at most 64 characters)");
                }
                return value;
            });
        }
        checks.refuseIfAny();
    }

    /** The caller's role first (403 for a role that reads no DICOM images), then the UIDs. */
    private void readable(String... namesAndValues) {
        search.checkRole(caller());
        uids(namesAndValues);
    }

    /** The same checks for a streamed answer, whose failures must come through the Uni. */
    private Uni<Void> checked(String study, String series, String instance) {
        Caller caller = caller();
        return Uni.createFrom().item(() -> {
            search.checkRole(caller);
            uids("study", study, "series", series, "instance", instance);
            return null;
        }).replaceWithVoid();
    }

    private static long declaredLength(String contentLength) {
        if (contentLength == null || contentLength.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    /** Failures before the first byte become problem+json here (a streamed response skips the exception mappers). */
    private RestMulti<byte[]> stream(Uni<Download> download) {
        String path = uri.getPath();
        return RestMulti.fromUniResponse(download.onFailure().recoverWithItem(t -> Download.problem(t, path)),
                Download::chunks, Download::headers, Download::status);
    }
}
