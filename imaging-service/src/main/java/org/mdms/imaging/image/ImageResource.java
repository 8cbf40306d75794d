package org.mdms.imaging.image;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Encoding;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.mdms.common.DomainException;
import org.mdms.imaging.image.ImageContent.Variant;
import org.mdms.imaging.image.ImageDtos.CategoryView;
import org.mdms.imaging.image.ImageDtos.ImageUpdate;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.image.ImageDtos.PresignedUrl;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.openapi.UploadForm;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.Role;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;
import org.mdms.common.QueryChecks;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP for images: parse, call the services, map to status codes. Rules live in ImageUpload, ImageSearch, ImageAccess
 * and ImageMetadata.
 */
@Path("/api/v1/images")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Images", description = "Medical images: upload, search, download, thumbnails, soft delete")
public class ImageResource {

    private final ImageUpload imageUpload;
    private final ImageSearch imageSearch;
    private final ImageAccess imageAccess;
    private final ImageMetadata imageMetadata;
    private final ImageContent content;
    private final JsonWebToken jwt;

    /** The request path, for problem+json answers of streamed responses (set per request by JAX-RS). */
    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    ImageResource(ImageUpload imageUpload, ImageSearch imageSearch, ImageAccess imageAccess,
                  ImageMetadata imageMetadata, ImageContent content, JsonWebToken jwt) {
        this.imageUpload = imageUpload;
        this.imageSearch = imageSearch;
        this.imageAccess = imageAccess;
        this.imageMetadata = imageMetadata;
        this.content = content;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload an image with its metadata",
            description = "Multipart form: file (JPEG, PNG, GIF, BMP, TIFF, WebP where supported; checked by decoding the "
                    + "bytes), patientId, optional visitId and technicianId, category (PATIENT_PHOTO, ID_DOCUMENT, "
                    + "EXAM_REPORT, DIAGNOSTIC_IMAGE, PRESCRIPTION, LAB_SHEET, ECG, RECORD_PHOTO, OTHER), title, "
                    + "description, visibility (PRIVATE by default). 413 above the size limit, 415 not an image, "
                    + "400 empty or bad field, 404 unknown patient, 422 unknown visit/technician, 503 when "
                    + "patient-service, storage or the database is down (nothing is stored then).")
    @APIResponse(responseCode = "201", description = "stored; Location points at the metadata")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class),
            encoding = @Encoding(name = "file", contentType = "image/jpeg, image/png, image/gif, image/bmp, "
                    + "image/tiff, image/webp, application/octet-stream")))
    public Uni<RestResponse<ImageView>> upload(
            @RestForm("file") @Schema(type = SchemaType.STRING, format = "binary") FileUpload file,
            @RestForm @Schema(example = "7") String patientId,
            @RestForm String visitId,
            @RestForm String technicianId,
            @RestForm @Schema(example = "ECG") String category,
            @RestForm @Schema(example = "静息心电图") String title,
            @RestForm String description,
            @RestForm @Schema(example = "PRIVATE") String visibility) {
        UploadCommand command = new UploadCommand(file == null ? null : file.uploadedFile(),
                file == null ? null : file.fileName(), file == null ? 0 : file.size(), patientId, visitId,
                technicianId, category, title, description, visibility);
        return imageUpload.upload(caller(), command)
                .map(view -> RestResponse.ResponseBuilder.<ImageView>created(URI.create("/api/v1/images/" + view.id()))
                        .entity(view).build());
    }

    @GET
    @Operation(summary = "Search images",
            description = "By patientId, visitId, category, from/to (yyyy-MM-dd, upload date UTC), q (title or file "
                    + "name). Paged: page (from 0), size (1-200), sort=createdAt|title|sizeBytes|category|id[,asc|desc]. "
                    + "PUBLIC images are visible to clinical staff; PRIVATE images only to admins, the patient themself, the "
                    + "uploader and staff treating the patient. A patient sees only their own images (403 for "
                    + "another patientId); analysts none.")
    // the roles of Caller.readsPatientImages, checked before any parameter is converted (patientId=abc: 403, not 400)
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.PHARMACIST_, Role.TECHNICIAN_, Role.PATIENT_})
    public Uni<PageView<ImageView>> search(@QueryParam("patientId") Long patientId,
                                           @QueryParam("visitId") Long visitId,
                                           @QueryParam("category") @Parameter(schema = @Schema(
                                                   type = SchemaType.STRING, enumeration = {"PATIENT_PHOTO",
                                                   "ID_DOCUMENT", "EXAM_REPORT", "DIAGNOSTIC_IMAGE", "PRESCRIPTION",
                                                   "LAB_SHEET", "ECG", "RECORD_PHOTO", "OTHER"}))
                                           String category,
                                           @QueryParam("from") @Parameter(example = "2026-01-01") String from,
                                           @QueryParam("to") @Parameter(example = "2026-12-31") String to,
                                           @QueryParam("q") String q,
                                           @QueryParam("page") Integer page,
                                           @QueryParam("size") Integer size,
                                           @QueryParam("sort") @Parameter(example = "createdAt,desc") String sort) {
        // every bad query parameter is reported at once, not only the first
        ImageSearch.Filter filter = new ImageSearch.Filter(patientId, visitId, category, from, to, q);
        QueryChecks query = new QueryChecks();
        ImageSearch.Bounds bounds = query.check(() -> ImageSearch.Bounds.of(filter));
        PageRequest request = query.check(() -> PageRequest.of(page, size, sort, ImageSearch.SORTABLE,
                "createdAt,desc"));
        query.refuseIfAny();
        return imageSearch.search(caller(), filter, bounds, request);
    }

    @GET
    @Path("categories")
    @Operation(summary = "The nine image categories with Chinese and English names")
    public List<CategoryView> categories() {
        return Arrays.stream(ImageCategory.values())
                .map(c -> new CategoryView(c.name(), c.nameZh(), c.nameEn())).toList();
    }

    @GET
    @Path("deleted")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Soft-deleted images (admins)", description = "Paged; sort=deletedAt,desc by default.")
    public Uni<PageView<ImageView>> deleted(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                            @QueryParam("sort") String sort) {
        return imageSearch.deleted(caller(), PageRequest.of(page, size, sort, ImageSearch.SORTABLE, "deletedAt,desc"));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Metadata of one image")
    public Uni<ImageView> metadata(@PathParam("id") long id) {
        return imageAccess.metadata(caller(), id);
    }

    @GET
    @Path("{id}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download the original",
            description = "Streamed, with Content-Type, Content-Length, ETag (the SHA-256), If-None-Match (304) and a "
                    + "single Range (206, 416 when unsatisfiable).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "image/*"))
    public RestMulti<byte[]> download(@PathParam("id") long id, @HeaderParam("Range") String range,
                                      @HeaderParam("If-None-Match") String ifNoneMatch) {
        return stream(content.open(caller(), id, Variant.ORIGINAL, range, ifNoneMatch));
    }

    @GET
    @Path("{id}/thumbnail")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The 256 px JPEG thumbnail made at upload",
            description = "In mdms.imaging.thumbnails.mode=async it is made shortly after the upload: 409 problem+json "
                    + "with Retry-After while thumbnailStatus is PENDING, 409 without it when FAILED.")
    public RestMulti<byte[]> thumbnail(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return stream(content.open(caller(), id, Variant.THUMBNAIL, null, ifNoneMatch));
    }

    @GET
    @Path("{id}/preview")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The 1024 px JPEG preview made at upload",
            description = "Async mode: 409 with Retry-After while thumbnailStatus is PENDING, 409 without it when FAILED.")
    public RestMulti<byte[]> preview(@PathParam("id") long id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return stream(content.open(caller(), id, Variant.PREVIEW, null, ifNoneMatch));
    }

    @GET
    @Path("{id}/url")
    @Operation(summary = "A short-lived presigned GET URL",
            description = "variant=ORIGINAL (default), PREVIEW or THUMBNAIL; expiry from mdms.images.presign-expiry.")
    public Uni<PresignedUrl> presign(@PathParam("id") long id, @QueryParam("variant") @Parameter(schema = @Schema(
            type = SchemaType.STRING, enumeration = {"ORIGINAL", "PREVIEW", "THUMBNAIL"}, defaultValue = "ORIGINAL"))
                                     String variant) {
        imageSearch.checkRole(caller()); // a role that reads no images: 403 whatever the variant
        Variant v;
        try {
            v = variant == null ? Variant.ORIGINAL : Variant.valueOf(variant.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("variant", "must be ORIGINAL, PREVIEW or THUMBNAIL");
        }
        return content.presign(caller(), id, v);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change category, title, description or visibility",
            description = "Send the version you read (body `version` or an If-Match header); 428 without it, 409 "
                    + "when someone changed the image meanwhile.")
    // the editors of ImageAccess.authorizeChange, checked before the body is read and validated
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    public Uni<ImageView> update(@PathParam("id") long id, @Valid ImageUpdate change,
                                 @HeaderParam("If-Match") String ifMatch) {
        return imageMetadata.update(caller(), id, change, ifMatch);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Soft delete with a reason",
            description = "Only the uploader, a doctor treating the patient and admins (403 otherwise). The image "
                    + "disappears from reads and searches; admins can restore it until the retention period ends "
                    + "and the purge job removes its objects.")
    public Uni<ImageView> delete(@PathParam("id") long id,
                                 @QueryParam("reason") @Parameter(example = "uploaded to the wrong patient") String reason) {
        return imageMetadata.softDelete(caller(), id, reason);
    }

    @POST
    @Path("{id}/restore")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Restore a soft-deleted image (admins)")
    public Uni<ImageView> restore(@PathParam("id") long id) {
        return imageMetadata.restore(caller(), id);
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    /**
     * Streams the object; failures before the first byte (403, 404, 503, ...) are turned into the usual
     * problem+json here, because a streamed response does not pass through the exception mappers.
     */
    private RestMulti<byte[]> stream(Uni<ImageContent.Download> download) {
        String path = uri.getPath();
        return RestMulti.fromUniResponse(download.onFailure().recoverWithItem(t -> ImageContent.Download.problem(t, path)),
                ImageContent.Download::chunks, ImageContent.Download::headers, ImageContent.Download::status);
    }
}
