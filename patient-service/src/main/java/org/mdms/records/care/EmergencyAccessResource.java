package org.mdms.records.care;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.records.care.EmergencyAccessDtos.EmergencyAccessView;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;

import java.util.Map;

@Path("/api/v1/emergency-access")
@Tag(name = "Emergency access", description = "Break-the-glass grants, for admins (a grant is made with POST "
        + "/api/v1/patients/{id}/emergency-access)")
public class EmergencyAccessResource {

    public static final Map<String, String> SORTABLE = Map.of("id", "id", "grantedAt", "grantedAt",
            "expiresAt", "expiresAt");

    private final EmergencyAccessService service;

    EmergencyAccessResource(EmergencyAccessService service) {
        this.service = service;
    }

    @GET
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "List break-the-glass grants", description = "Newest first; filter by patient, user and "
            + "active=true for the grants still running.")
    public Uni<Page<EmergencyAccessView>> list(@QueryParam("patientId") Long patientId,
                                               @QueryParam("userId") Long userId,
                                               @QueryParam("active") @DefaultValue("false") boolean active,
                                               @QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                               @QueryParam("sort") String sort) {
        return service.list(patientId, userId, active, PageRequest.of(page, size, sort, SORTABLE, "grantedAt,desc"));
    }
}
