package org.mdms.analytics.workload;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.analytics.chart.ChartResponses;
import org.mdms.analytics.common.CsvWriter;
import org.mdms.analytics.common.Params;
import org.mdms.analytics.common.Source;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

@Path("/api/v1")
@Tag(name = "workload", description = "Questions 4-5: department workload and visit trends")
@SecurityRequirement(name = "jwt")
@RolesAllowed({"ADMIN", "ANALYST"})
public class WorkloadResource {

    /** About ten years of days: enough for any report, small enough to bound one answer. */
    private static final long MAX_DAYS = 3700;

    private final WorkloadService service;
    private final ChartResponses charts;

    public WorkloadResource(WorkloadService service, ChartResponses charts) {
        this.service = service;
        this.charts = charts;
    }

    private record Window(LocalDate from, LocalDate to, String granularity) {
    }

    private static Window window(Params.Checks checks, String from, String to, String granularity) {
        LocalDate last = checks.date("to", to, LocalDate.now(ZoneOffset.UTC));
        LocalDate first = checks.date("from", from, last.minusDays(29));
        checks.ordered("from", first, "to", last);
        if (!checks.refused("from") && !checks.refused("to") && ChronoUnit.DAYS.between(first, last) > MAX_DAYS) {
            checks.refuse("from", "the period may span at most " + MAX_DAYS + " days");
        }
        return new Window(first, last, checks.oneOf("granularity", granularity, "day", Set.of("day", "week", "month")));
    }

    @GET
    @Path("/departments/workload")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q4: department workload (visits, prescriptions, revenue) by day, week or month",
            description = "Periods are yyyy-MM-dd for day, the Monday (ISO week start) for week, yyyy-MM for month. "
                    + "Cancelled visits and prescriptions are left out; revenue is the prescriptions' amount.")
    public Uni<WorkloadDtos.DepartmentWorkload> workload(
            @Parameter(description = "first day, default 29 days before to", example = "2026-01-01")
            @QueryParam("from") String from,
            @Parameter(description = "last day (inclusive), default today", example = "2026-01-31")
            @QueryParam("to") String to,
            @Parameter(description = "day (default), week or month") @QueryParam("granularity") String granularity,
            @Parameter(description = "one department: its visits, and the prescriptions of visits now in it (a "
                    + "prescription counts in its visit's department and moves with the visit)")
            @QueryParam("departmentId") Long departmentId, @QueryParam("source") String source) {
        // every bad parameter is reported at once, not only the first
        Params.Checks checks = Params.checks();
        Window w = window(checks, from, to, granularity);
        Source sourceOf = Source.of(checks, source);
        checks.refuseIfAny();
        return service.workload(w.from(), w.to(), w.granularity(), departmentId, sourceOf);
    }

    @GET
    @Path("/departments/workload/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q4 as a chart (PNG, 300 DPI by default, or SVG)")
    public Uni<Response> workloadChart(@QueryParam("from") String from, @QueryParam("to") String to,
                                       @QueryParam("granularity") String granularity,
                                       @QueryParam("departmentId") Long departmentId,
                                       @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        return charts.render(workload(from, to, granularity, departmentId, null), format, dpi);
    }

    @GET
    @Path("/visits/trends")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q5: visit trends by type and department",
            description = "Visits (not cancelled) per period, department and type (OUTPATIENT, INPATIENT, EMERGENCY).")
    public Uni<WorkloadDtos.VisitTrends> visitTrends(@QueryParam("from") String from, @QueryParam("to") String to,
                                                     @QueryParam("granularity") String granularity,
                                                     @QueryParam("departmentId") Long departmentId,
                                                     @Parameter(description = "OUTPATIENT, INPATIENT or EMERGENCY")
                                                     @QueryParam("type") String type,
                                                     @QueryParam("source") String source) {
        Params.Checks checks = Params.checks();
        Window w = window(checks, from, to, granularity);
        String visitType = type == null || type.isBlank() ? null : checks.oneOf("type", type.toLowerCase(Locale.ROOT),
                "", Set.of("outpatient", "inpatient", "emergency")).toUpperCase(Locale.ROOT);
        Source sourceOf = Source.of(checks, source);
        checks.refuseIfAny();
        return service.visitTrends(w.from(), w.to(), w.granularity(), departmentId, visitType, sourceOf);
    }

    @GET
    @Path("/visits/trends/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q5 as a chart (PNG, 300 DPI by default, or SVG)")
    public Uni<Response> visitTrendsChart(@QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("granularity") String granularity,
                                          @QueryParam("departmentId") Long departmentId,
                                          @QueryParam("type") String type,
                                          @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        return charts.render(visitTrends(from, to, granularity, departmentId, type, null), format, dpi);
    }
}
