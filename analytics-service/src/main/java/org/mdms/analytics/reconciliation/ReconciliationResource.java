package org.mdms.analytics.reconciliation;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.analytics.common.Params;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

@Path("/api/v1/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation", description = "The warehouse checked against patient-service's per-month totals")
@SecurityRequirement(name = "jwt")
@RolesAllowed({"ADMIN", "ANALYST"})
public class ReconciliationResource {

    private final ReconciliationService service;

    /** A run log is read newest first only: other sort values are refused, not ignored. */
    private static final Map<String, List<String>> NEWEST_FIRST = Map.of("id", List.of("desc"), "startedAt", List.of("desc"));

    public ReconciliationResource(ReconciliationService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Reconcile now", description = "Syncs, then compares prescriptions, items, quantity and "
            + "amount per month (from..to, yyyy-MM, default the last 12 months) with patient-service, then the same "
            + "figures per department x month, doctor x month and drug x month (a mismatch names the dimension and "
            + "its id); mismatches are returned, stored and logged.")
    public Uni<ReconciliationDtos.Report> reconcile(@QueryParam("from") String from, @QueryParam("to") String to) {
        Params.Checks checks = Params.checks();
        YearMonth last = checks.month("to", to, YearMonth.now(ZoneOffset.UTC));
        YearMonth first = checks.month("from", from, last.minusMonths(11));
        checks.ordered("from", first, "to", last);
        if (!checks.refused("from") && !checks.refused("to") && first.plusMonths(120).isBefore(last)) {
            checks.refuse("from", "at most 120 months at a time");
        }
        checks.refuseIfAny();
        return service.reconcile(first, last, "ON_DEMAND");
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Past reconciliation runs, newest first (paged)")
    public Uni<ReconciliationDtos.ReportPage> runs(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                                   @QueryParam("sort") String sort) {
        Params.Checks checks = Params.checks();
        checks.sort(sort, NEWEST_FIRST);
        Params.Paging paging = checks.paging(page, size);
        checks.refuseIfAny();
        return service.runs(paging.page(), paging.size());
    }
}
