package org.mdms.imaging.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.imaging.image.ImageMetadata;
import org.mdms.imaging.image.ImageSearch;
import org.mdms.imaging.patient.Role;

import java.net.URI;

/**
 * The admin's deleted images: the list of GET /api/v1/images/deleted and the restore of POST
 * /api/v1/images/{id}/restore, through the same services (admins only; 409 once purged or when not deleted).
 */
@Path("/ui/images")
@Produces(MediaType.TEXT_HTML)
public class DeletedImagesResource {

    static final int PAGE_SIZE = 20;

    private final ImageSearch imageSearch;
    private final ImageMetadata imageMetadata;
    private final ConsoleSession session;
    private final GalleryShell shell;

    DeletedImagesResource(ImageSearch imageSearch, ImageMetadata imageMetadata, ConsoleSession session,
                          GalleryShell shell) {
        this.imageSearch = imageSearch;
        this.imageMetadata = imageMetadata;
        this.session = session;
        this.shell = shell;
    }

    @GET
    @Path("/deleted")
    @RolesAllowed(Role.ADMIN_)
    public Uni<TemplateInstance> deleted(@QueryParam("page") String page, @QueryParam("restored") Long restored,
                                         @Context RoutingContext rc) {
        return list(page, restored).map(deleted -> shell.page(GalleryPages.deleted(shell.of(rc), deleted, null), rc));
    }

    /** As POST /api/v1/images/{id}/restore; a 409 (purged, or not deleted) is shown above the list. */
    @POST
    @Path("/{id}/restore")
    @RolesAllowed(Role.ADMIN_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> restore(@PathParam("id") long id, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                 @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return Uni.createFrom().deferred(() -> imageMetadata.restore(shell.caller(), id))
                .map(image -> Response.seeOther(URI.create("/ui/images/deleted?restored=" + image.id())).build())
                .onFailure(e -> e instanceof DomainException refused && refused.status() == 409)
                .recoverWithUni(e -> list(null, null).map(deleted -> shell.html(409,
                        GalleryPages.deleted(shell.of(rc), deleted, e.getMessage()), rc)));
    }

    private Uni<GalleryPages.Deleted> list(String page, Long restored) {
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, ImageSearch.SORTABLE,
                "deletedAt,desc");
        return Uni.createFrom().deferred(() -> imageSearch.deleted(shell.caller(), paging))
                .map(found -> new GalleryPages.Deleted(found, restored));
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
