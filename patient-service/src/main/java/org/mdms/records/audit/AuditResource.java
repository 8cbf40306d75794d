package org.mdms.records.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.common.PageRequest;
import org.mdms.records.audit.AuditTrail.AuditEventView;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;

import java.util.Map;

@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who read or changed which patient's data (admins only)")
@RolesAllowed(Role.ADMIN_)
public class AuditResource {

    public static final Map<String, String> SORTABLE = AuditTrail.SORTABLE;

    private final AuditTrail trail;

    AuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    @Operation(summary = "Query the audit trail", description = "Filter by patient, user, action (READ, UPDATE, "
            + "DELETE, ...) and time window (ISO-8601 instants). Newest first by default.")
    public Uni<Page<AuditEventView>> query(@QueryParam("patientId") Long patientId,
                                           @QueryParam("username") String username,
                                           @QueryParam("action") String action,
                                           @QueryParam("from") String from, @QueryParam("to") String to,
                                           @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                           @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "occurredAt,desc");
        return trail.search(new AuditTrail.Criteria(patientId, username, action, from, to), request);
    }
}
