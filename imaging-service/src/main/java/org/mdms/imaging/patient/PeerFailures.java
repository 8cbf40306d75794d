package org.mdms.imaging.patient;

import jakarta.ws.rs.WebApplicationException;
import org.mdms.common.DomainException;

/** Turns what went wrong talking to patient-service into the answer our client gets. */
public final class PeerFailures {

    private PeerFailures() {
    }

    public static Throwable toProblem(Throwable t) {
        if (t instanceof DomainException) {
            return t;
        }
        if (t instanceof WebApplicationException e && e.getResponse().getStatus() == 403) {
            return DomainException.forbidden("patient-service does not let you see this patient's records");
        }
        // timeouts, refused connections, an open circuit, 5xx answers: the peer cannot answer now
        return DomainException.unavailable("patient-service is unavailable, so the patient could not be checked; "
                + "nothing was stored, try again later", t);
    }
}
