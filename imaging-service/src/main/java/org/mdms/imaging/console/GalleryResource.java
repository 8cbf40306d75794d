package org.mdms.imaging.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.imaging.image.ImageAccess;
import org.mdms.imaging.image.ImageDtos.ImageView;
import org.mdms.imaging.image.ImageDtos.UploadCommand;
import org.mdms.imaging.image.ImageSearch;
import org.mdms.imaging.image.ImageUpload;
import org.mdms.imaging.patient.Caller;

import java.net.URI;
import java.util.Locale;

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
    private final JsonWebToken jwt;
    private final SecurityIdentity identity;
    private final ConsoleSession session;
    private final ConsoleConfig config;
    private final GalleryMessages en;
    private final GalleryMessages zh;

    GalleryResource(ImageSearch imageSearch, ImageAccess imageAccess, ImageUpload imageUpload, JsonWebToken jwt,
                    SecurityIdentity identity, ConsoleSession session, ConsoleConfig config,
                    @Localized("en") GalleryMessages en, GalleryMessages zh) {
        this.imageSearch = imageSearch;
        this.imageAccess = imageAccess;
        this.imageUpload = imageUpload;
        this.jwt = jwt;
        this.identity = identity;
        this.session = session;
        this.config = config;
        this.en = en;
        this.zh = zh;
    }

    /** The patient's images, newest first, by category; the same search and access rules as GET /api/v1/images. */
    @GET
    @Path("/patients/{id}/images")
    @Authenticated
    public Uni<TemplateInstance> gallery(@PathParam("id") long patientId, @QueryParam("category") String category,
                                         @QueryParam("page") String page, @QueryParam("uploaded") Long uploaded,
                                         @Context RoutingContext rc) {
        return search(patientId, category, page, uploaded)
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
                                @RestForm String category, @RestForm String visibility, @RestForm String title,
                                @RestForm String description, @RestForm(ConsoleSession.CSRF_FIELD) String csrf,
                                @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        // a browser sends an empty part when no file was chosen: the API's "file is required" answers it
        boolean chosen = file != null && file.fileName() != null && !file.fileName().isBlank();
        UploadCommand command = new UploadCommand(chosen ? file.uploadedFile() : null, chosen ? file.fileName() : null,
                chosen ? file.size() : 0, Long.toString(patientId), null, null, category, blankToNull(title),
                blankToNull(description), visibility);
        return Uni.createFrom().deferred(() -> imageUpload.upload(caller(), command))
                .map(image -> Response.seeOther(URI.create("/ui/patients/" + patientId + "/images?uploaded="
                        + image.id())).build())
                .onFailure(e -> e instanceof DomainException refused && refused.status() < 500
                        && refused.status() != 403 && refused.status() != 404)
                .recoverWithUni(e -> search(patientId, null, null, null)
                        .map(gallery -> Response.status(((DomainException) e).status()).type(MediaType.TEXT_HTML_TYPE)
                                .entity(page(GalleryPages.gallery(shell(rc), gallery, GalleryPages.UploadForm.refused(
                                        category, visibility, title, description, (DomainException) e)), rc)
                                        .render())
                                .build()));
    }

    // --- failures become pages, never JSON: an ended session goes back to patient-service's sign-in

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, @Context RoutingContext rc) {
        return backToSignIn(rc);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, @Context RoutingContext rc) {
        return backToSignIn(rc);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, @Context RoutingContext rc) {
        return errorPage(403, words(rc).forbidden(), null, rc);
    }

    @ServerExceptionMapper
    public Response refused(DomainException e, @Context RoutingContext rc) {
        GalleryMessages words = words(rc);
        if (e instanceof ConsoleSession.CsrfRefused) {
            return errorPage(403, words.forbidden(), words.csrf_refused(), rc);
        }
        String title = switch (e.status()) {
            case 403 -> words.forbidden();
            case 404 -> words.not_found();
            case 400 -> words.bad_request();
            default -> words.error();
        };
        return errorPage(e.status(), title, e.getMessage(), rc);
    }

    private Uni<GalleryPages.Gallery> search(long patientId, String category, String page, Long uploaded) {
        String wanted = blankToNull(category);
        ImageSearch.Filter filter = new ImageSearch.Filter(patientId, null, wanted, null, null, null);
        ImageSearch.Bounds bounds = ImageSearch.Bounds.of(filter);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, ImageSearch.SORTABLE, "createdAt,desc");
        return Uni.createFrom().deferred(() -> imageSearch.search(caller(), filter, bounds, paging))
                .map(found -> new GalleryPages.Gallery(patientId, wanted == null ? null : bounds.category().name(),
                        found, uploaded));
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

    private Response backToSignIn(RoutingContext rc) {
        String target = config.patientUrl() + (session.hasSessionCookie(rc) ? "/ui/sign-in?ended=1" : "/ui/sign-in");
        if (rc.request().getHeader("HX-Request") != null) {
            // htmx would swap a redirect's page into the tile: ask it to load the sign-in page instead
            return Response.ok().header("HX-Redirect", target).build();
        }
        return Response.seeOther(URI.create(target)).build();
    }

    private Response errorPage(int status, String title, String detail, RoutingContext rc) {
        // only an identity already resolved for this request (resolving it now would block the event loop)
        GalleryPages.Shell shell = rc.user() != null && !identity.isAnonymous() ? shell(rc) : anonymous(rc);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(page(GalleryPages.error(shell, status, title, detail), rc).render()).build();
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    private GalleryPages.Shell shell(RoutingContext rc) {
        return new GalleryPages.Shell(caller(), session.csrfToken(rc), session.locale(rc), config.patientUrl());
    }

    private GalleryPages.Shell anonymous(RoutingContext rc) {
        return new GalleryPages.Shell(null, session.csrfToken(rc), session.locale(rc), config.patientUrl());
    }

    private TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return template.setLocale(session.locale(rc));
    }

    private GalleryMessages words(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage()) ? en : zh;
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
