package org.mdms.analytics.sync;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync", description = "Copying patient-service's change feed into the warehouse")
@SecurityRequirement(name = "jwt")
public class SyncResource {

    private final SyncService sync;

    public SyncResource(SyncService sync) {
        this.sync = sync;
    }

    @POST
    @RolesAllowed({"ADMIN", "ANALYST"})
    @Operation(summary = "Sync now", description = "Applies the change feed until caught up (or the per-run batch "
            + "limit); outcome LEASE_HELD_ELSEWHERE when another replica is the sync worker.")
    public Uni<SyncService.SyncRun> syncNow() {
        return sync.sync();
    }

    @GET
    @Path("/status")
    @RolesAllowed({"ADMIN", "ANALYST"})
    @Operation(summary = "Sync status and lag", description = "Cursor, events behind (counted on the feed, at most "
            + "1000; eventsBehindIsLowerBound when more), seconds behind (age of the oldest unapplied event), lease.")
    public Uni<SyncService.SyncStatus> status() {
        return sync.status();
    }
}
