package org.mdms.imaging.maintenance;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.imaging.audit.AuditService;
import org.mdms.imaging.image.ImageDtos.IntegrityResult;
import org.mdms.imaging.patient.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdms.common.DomainException;
import org.mdms.imaging.patient.Role;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;

import java.util.Locale;
import java.util.Map;

/** Admin triggers for the jobs that otherwise run on their schedule, and the reports they leave. */
@Path("/api/v1/admin/images")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_)
@Tag(name = "Image maintenance", description = "Integrity, purge, temp sweeper, reconciler (admins)")
public class MaintenanceResource {

    public static final Map<String, String> REPORTS_SORTABLE = Map.of("id", "id");

    private final MaintenanceService maintenance;
    private final AuditService audit;
    private final JsonWebToken jwt;

    MaintenanceResource(MaintenanceService maintenance, AuditService audit, JsonWebToken jwt) {
        this.maintenance = maintenance;
        this.audit = audit;
        this.jwt = jwt;
    }

    @GET
    @Path("{id}/integrity")
    @Operation(summary = "Re-hash one image's original against its stored SHA-256")
    public Uni<IntegrityResult> integrity(@PathParam("id") long id) {
        return maintenance.check(id).call(result -> audit.record(Caller.of(jwt), "INTEGRITY", id, null,
                result.ok() ? "ok" : "MISMATCH"));
    }

    @POST
    @Path("scrub")
    @Operation(summary = "Check every image now (also runs on schedule mdms.images.scrub-every)")
    public Uni<JobReport> scrub() {
        return maintenance.scrub();
    }

    @POST
    @Path("purge")
    @Operation(summary = "Purge objects of images deleted longer ago than mdms.images.retention")
    public Uni<JobReport> purge() {
        return maintenance.purge();
    }

    @POST
    @Path("sweep-temp")
    @Operation(summary = "Delete temp/ objects older than mdms.images.temp-ttl")
    public Uni<JobReport> sweepTemp() {
        return maintenance.sweepTemp();
    }

    @POST
    @Path("reconcile")
    @Operation(summary = "Find rows without objects and objects without rows",
            description = "fix=true (default) deletes stray objects older than mdms.images.stray-grace; rows without "
                    + "objects are only reported.")
    public Uni<JobReport> reconcile(@QueryParam("fix") @DefaultValue("true") boolean fix) {
        return maintenance.reconcile(fix);
    }

    @GET
    @Path("reports")
    @Operation(summary = "What the maintenance runs found", description = "job=SCRUB|PURGE|SWEEP_TEMP|RECONCILE|THUMBNAIL (any case); newest first.")
    public Uni<PageView<JobReport>> reports(@QueryParam("job") String job, @QueryParam("page") Integer page,
                                            @QueryParam("size") Integer size, @QueryParam("sort") String sort) {
        String wanted = job == null || job.isBlank() ? null : job.trim().toUpperCase(Locale.ROOT);
        if (wanted != null && !MaintenanceService.JOBS.contains(wanted)) {
            throw DomainException.invalid("job", "must be one of " + String.join(", ", MaintenanceService.JOBS));
        }
        return maintenance.reports(wanted, PageRequest.of(page, size, sort, REPORTS_SORTABLE, "id,desc"));
    }
}
