package org.mdms.imaging.console;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.imaging.patient.PatientServiceClient;

import java.net.URI;

/**
 * Sign-out from the gallery's pages: the CSP's form-action 'self' keeps the form on this service, which asks
 * patient-service to end the session (DELETE /api/v1/auth/session with the cookie's token, as its own sign-out does),
 * clears the cookie and goes to patient-service's sign-in.
 */
@Path("/ui/sign-out")
public class ConsoleSignOut {

    private final PatientServiceClient patients;
    private final ConsoleSession session;
    private final ConsoleConfig config;
    private final GalleryShell shell;

    ConsoleSignOut(@RestClient PatientServiceClient patients, ConsoleSession session, ConsoleConfig config,
                   GalleryShell shell) {
        this.patients = patients;
        this.session = session;
        this.config = config;
        this.shell = shell;
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return patients.endSession(shell.caller().bearer())
                // the cookie stays while the session could not be ended: signing out again must still be possible
                .onFailure().transform(e -> DomainException.unavailable("patient-service did not end the session; "
                        + "try again", e))
                .map(ended -> Response.seeOther(URI.create(config.patientUrl() + "/ui/sign-in"))
                        .cookie(session.cleared(rc)).build());
    }
}
