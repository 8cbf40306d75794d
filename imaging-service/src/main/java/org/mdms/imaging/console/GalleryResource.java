package org.mdms.imaging.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.imaging.image.ImageAccess;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.image.ImageSearch;
import org.mdms.imaging.image.ImageUpload;
import org.mdms.imaging.patient.Caller;
import org.mdms.imaging.patient.PatientDirectory;
import org.mdms.imaging.patient.PatientRefs;

import java.net.URI;
import java.util.List;

/**
 * The console's image gallery and viewer (server-rendered, under /ui). Every page calls the same services as
 * /api/v1/images with the signed-in caller (the session cookie), so it shows exactly what the API would show them;
 * the upload form posts here with the CSRF token and goes through the same upload service and access rules.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class GalleryResource {

    static final int PAGE_SIZE = 24;

    private final ImageSearch imageSearch;
    private final ImageAccess imageAccess;
    private final ImageUpload imageUpload;
    private final PatientDirectory directory;
    private final ConsoleSession session;
    private final GalleryShell shell;

    GalleryResource(ImageSearch imageSearch, ImageAccess imageAccess, ImageUpload imageUpload,
                    PatientDirectory directory, ConsoleSession session, GalleryShell shell) {
        this.imageSearch = imageSearch;
        this.imageAccess = imageAccess;
        this.imageUpload = imageUpload;
        this.directory = directory;
        this.session = session;
        this.shell = shell;
    }

    /** The patient's images, newest first, by category; the same search and access rules as GET /api/v1/images. */
    @GET
    @Path("/patients/{id}/images")
    @Authenticated
    public Uni<TemplateInstance> gallery(@PathParam("id") long patientId, @QueryParam("category") String category,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("page") String page, @QueryParam("uploaded") Long uploaded,
                                         @Context RoutingContext rc) {
        return search(patientId, new ImageSearch.Filter(patientId, null, blankToNull(category), blankToNull(from),
                blankToNull(to), null), page, uploaded)
                .map(gallery -> page(GalleryPages.gallery(shell(rc), gallery, GalleryPages.UploadForm.empty()), rc));
    }

    /** One tile, polled by htmx while the thumbnail is PENDING (async thumbnail mode). */
    @GET
    @Path("/patients/{id}/images/{imageId}/tile")
    @Authenticated
    public Uni<TemplateInstance> tile(@PathParam("id") long patientId, @PathParam("imageId") long imageId,
                                      @Context RoutingContext rc) {
        return imageOf(patientId, imageId).map(image -> page(GalleryPages.gallery$tile(shell(rc), image), rc));
    }

    /** The viewer: the 1024-px preview, linked to the original, and a download. */
    @GET
    @Path("/patients/{id}/images/{imageId}")
    @Authenticated
    public Uni<TemplateInstance> viewer(@PathParam("id") long patientId, @PathParam("imageId") long imageId,
                                        @Context RoutingContext rc) {
        return imageOf(patientId, imageId).map(image -> page(GalleryPages.viewer(shell(rc), image), rc));
    }

    /** The same upload as POST /api/v1/images; a refusal shows the gallery again with the API's errors by the fields. */
    @POST
    @Path("/patients/{id}/images")
    @Authenticated
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> upload(@PathParam("id") long patientId, @RestForm("file") FileUpload file,
                                @RestForm String visitId, @RestForm String category,
                                @RestForm String visibility, @RestForm String title,
                                @RestForm String description, @RestForm(ConsoleSession.CSRF_FIELD) String csrf,
                                @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        // a browser sends an empty part when no file was chosen: the API's "file is required" answers it
        boolean chosen = file != null && file.fileName() != null && !file.fileName().isBlank();
        UploadCommand command = new UploadCommand(chosen ? file.uploadedFile() : null, chosen ? file.fileName() : null,
                chosen ? file.size() : 0, Long.toString(patientId), blankToNull(visitId), null, category, blankToNull(title),
                blankToNull(description), visibility);
        return Uni.createFrom().deferred(() -> imageUpload.upload(caller(), command))
                .map(image -> Response.seeOther(URI.create("/ui/patients/" + patientId + "/images?uploaded="
                        + image.id())).build())
                .onFailure(e -> e instanceof DomainException refused && refused.status() < 500
                        && refused.status() != 403 && refused.status() != 404)
                .recoverWithUni(e -> search(patientId, new ImageSearch.Filter(patientId, null, null, null, null,
                        null), null, null)
                        .map(gallery -> Response.status(((DomainException) e).status()).type(MediaType.TEXT_HTML_TYPE)
                                .entity(page(GalleryPages.gallery(shell(rc), gallery, GalleryPages.UploadForm.refused(
                                        visitId, category, visibility, title, description, (DomainException) e)), rc)
                                        .render())
                                .build()));
    }

    /** One page of the filter's images, and the patient's visits for the upload form. */
    private Uni<GalleryPages.Gallery> search(long patientId, ImageSearch.Filter filter, String page, Long uploaded) {
        ImageSearch.Bounds bounds = ImageSearch.Bounds.of(filter);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, ImageSearch.SORTABLE, "createdAt,desc");
        Caller caller = caller();
        return Uni.createFrom().deferred(() -> imageSearch.search(caller, filter, bounds, paging))
                .chain(found -> visitsFor(patientId, caller).map(visits -> new GalleryPages.Gallery(patientId,
                        bounds.category() == null ? null : bounds.category().name(), filter.from(), filter.to(),
                        found, uploaded, visits)));
    }

    /** Only those who may upload here see the visits to upload to. */
    private Uni<List<PatientRefs.VisitChoice>> visitsFor(long patientId, Caller caller) {
        if (!shell.uploadsFor(caller, patientId)) {
            return Uni.createFrom().item(List.of());
        }
        return directory.visitsOrNone(patientId, caller.bearer());
    }

    /** The image as GET /api/v1/images/{id} shows it; 404 when it belongs to another patient than the page's. */
    private Uni<ImageView> imageOf(long patientId, long imageId) {
        return imageAccess.metadata(caller(), imageId)
                .invoke(image -> {
                    if (image.patientId() != patientId) {
                        throw DomainException.notFound("image", imageId);
                    }
                });
    }

    private Caller caller() {
        return shell.caller();
    }

    private GalleryPages.Shell shell(RoutingContext rc) {
        return shell.of(rc);
    }

    private TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return shell.page(template, rc);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("page", "must be a whole number, got '" + page + "'");
        }
    }
}
