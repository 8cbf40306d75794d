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
import org.mdms.analytics.common.DomainException;
import org.mdms.analytics.common.Params;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

@Path("/api/v1/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reconciliation", description = "The warehouse checked against patient-service's per-month totals")
@SecurityRequirement(name = "jwt")
@RolesAllowed({"ADMIN", "ANALYST"})
public class ReconciliationResource {

    private final ReconciliationService service;

    public ReconciliationResource(ReconciliationService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Reconcile now", description = "Syncs, then compares prescriptions, items, quantity and "
            + "amount per month (from..to, yyyy-MM, default the last 12 months) with patient-service, then the same "
            + "figures per department x month, doctor x month and drug x month (a mismatch names the dimension and "
            + "its id); mismatches are returned, stored and logged.")
    public Uni<ReconciliationDtos.Report> reconcile(@QueryParam("from") String from, @QueryParam("to") String to) {
        YearMonth last = Params.month("to", to, YearMonth.now(ZoneOffset.UTC));
        YearMonth first = Params.month("from", from, last.minusMonths(11));
        Params.ordered("from", first, "to", last);
        if (first.plusMonths(120).isBefore(last)) {
            throw DomainException.badParameter("from", "at most 120 months at a time");
        }
        return service.reconcile(first, last, "ON_DEMAND");
    }

    @GET
    @Path("/runs")
    @Operation(summary = "Past reconciliation runs, newest first (paged)")
    public Uni<ReconciliationDtos.ReportPage> runs(@QueryParam("page") Integer page, @QueryParam("size") Integer size,
                                                   @QueryParam("sort") String sort) {
        // newest first is the only order that makes sense for a run log; other sort values are refused, not ignored
        if (sort != null && !sort.isBlank()) {
            Params.oneOf("sort", sort, "id,desc", Set.of("id,desc", "startedat,desc"));
        }
        Params.Paging paging = Params.paging(page, size);
        return service.runs(paging.page(), paging.size());
    }
}
