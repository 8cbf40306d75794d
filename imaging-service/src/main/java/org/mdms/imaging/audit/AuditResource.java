package org.mdms.imaging.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.common.DomainException;
import org.mdms.imaging.patient.Role;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;

import java.util.Locale;
import java.util.Map;

@Path("/api/v1/images/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who read, downloaded, uploaded or was refused which patient's images (admins)")
public class AuditResource {

    public static final Map<String, String> SORTABLE = Map.of("occurredAt", "occurredAt", "id", "id");

    private final AuditService audit;

    AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Who accessed which patient's images (admins)",
            description = "Filter by patientId, imageId, action (UPLOAD, READ, DOWNLOAD, PRESIGN, DENIED, ...); paged; sort=occurredAt,desc by default.")
    public Uni<PageView<AuditService.AuditView>> search(@QueryParam("patientId") Long patientId,
                                                        @QueryParam("imageId") Long imageId,
                                                        @QueryParam("action") String action,
                                                        @QueryParam("page") Integer page,
                                                        @QueryParam("size") Integer size,
                                                        @QueryParam("sort") String sort) {
        PageRequest request = PageRequest.of(page, size, sort, SORTABLE, "occurredAt,desc");
        String wanted = action == null || action.isBlank() ? null : action.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !AuditService.ACTIONS.contains(wanted)) {
            throw DomainException.invalid("action", "must be one of " + String.join(", ", AuditService.ACTIONS));
        }
        return audit.search(patientId, imageId, wanted, request);
    }
}
