package org.mdms.analytics.drugusage;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.analytics.chart.ChartResponses;
import org.mdms.analytics.common.Access;
import org.mdms.analytics.common.CsvWriter;
import org.mdms.common.DomainException;
import org.mdms.analytics.common.Params;
import org.mdms.analytics.common.Source;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

@Path("/api/v1")
@Tag(name = "drug usage", description = "Questions 1-3: a drug's monthly use, drug rankings, a doctor's top drugs")
@SecurityRequirement(name = "jwt")
@RolesAllowed({"ADMIN", "ANALYST", "DOCTOR"})
public class DrugUsageResource {

    private final DrugUsageService service;
    private final ChartResponses charts;
    private final JsonWebToken jwt;

    public DrugUsageResource(DrugUsageService service, ChartResponses charts, JsonWebToken jwt) {
        this.service = service;
        this.charts = charts;
        this.jwt = jwt;
    }

    @GET
    @Path("/drugs/{drugId}/usage")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q1: a drug's use month by month over a year",
            description = "Quantity, amount and number of prescriptions per month (cancelled prescriptions excluded). "
                    + "A doctor gets their own prescriptions only.")
    public Uni<DrugUsageDtos.DrugMonthlyUsage> monthly(@PathParam("drugId") long drugId,
                                                       @Parameter(description = "year, default this year", example = "2026")
                                                       @QueryParam("year") Integer year,
                                                       @Parameter(description = "rollup (default) or facts (raw scan)")
                                                       @QueryParam("source") String source) {
        Access access = Access.of(jwt);
        Params.Checks checks = Params.checks();
        int y = checks.intInRange("year", year, LocalDate.now(ZoneOffset.UTC).getYear(), 2000, 2100);
        Source from = Source.of(checks, source);
        checks.refuseIfAny();
        return service.monthly(drugId, y, access.doctorId(), from);
    }

    @GET
    @Path("/drugs/{drugId}/usage/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q1 as a chart (PNG, 300 DPI by default, or SVG)")
    public Uni<Response> monthlyChart(@PathParam("drugId") long drugId,
                                      @Parameter(description = "year, default this year", example = "2026")
                                      @QueryParam("year") Integer year,
                                      @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        return charts.render(monthly(drugId, year, null), format, dpi);
    }

    @GET
    @Path("/drug-rankings")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q2: most or least used drugs over a period",
            description = "Ranked by quantity or amount, top or bottom n (1-100), optionally within one department. "
                    + "For an admin or analyst every catalogue drug takes part, so the least used may have zero use "
                    + "(ties by drug id). A doctor gets a ranking of their own prescriptions, and in it only the drugs "
                    + "they prescribed in the period take part: order=bottom lists the drugs they prescribed least, "
                    + "never catalogue drugs they did not prescribe. Months are whole calendar months, by issue time "
                    + "in UTC; cancelled prescriptions are left out.")
    public Uni<DrugUsageDtos.DrugRanking> ranking(
            @Parameter(description = "first month, yyyy-MM (default: 11 months before to)", example = "2026-01")
            @QueryParam("from") String from,
            @Parameter(description = "last month, yyyy-MM (default: this month)", example = "2026-06")
            @QueryParam("to") String to,
            @Parameter(description = "quantity (default) or amount") @QueryParam("by") String by,
            @Parameter(description = "top (default) or bottom") @QueryParam("order") String order,
            @Parameter(description = "how many, 1-100, default 10") @QueryParam("n") Integer n,
            @Parameter(description = "only prescriptions of visits now in this department (a prescription counts in "
                    + "its visit's department and moves with the visit)") @QueryParam("departmentId") Long departmentId,
            @QueryParam("source") String source) {
        Access access = Access.of(jwt);
        if (!access.everything() && departmentId != null) {
            throw DomainException.forbidden("doctors may see only their own prescribing figures");
        }
        // every bad parameter is reported at once, not only the first
        Params.Checks checks = Params.checks();
        YearMonth last = checks.month("to", to, YearMonth.now(ZoneOffset.UTC));
        YearMonth first = checks.month("from", from, last.minusMonths(11));
        checks.ordered("from", first, "to", last);
        String measure = checks.oneOf("by", by, "quantity", Set.of("quantity", "amount"));
        String end = checks.oneOf("order", order, "top", Set.of("top", "bottom"));
        int count = checks.intInRange("n", n, 10, 1, 100);
        Source sourceOf = Source.of(checks, source);
        checks.refuseIfAny();
        return service.ranking(first, last, measure, end, count, departmentId, access.doctorId(), sourceOf);
    }

    @GET
    @Path("/drug-rankings/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q2 as a chart (PNG, 300 DPI by default, or SVG)")
    public Uni<Response> rankingChart(@QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("by") String by, @QueryParam("order") String order,
                                      @QueryParam("n") Integer n, @QueryParam("departmentId") Long departmentId,
                                      @QueryParam("format") String format, @QueryParam("dpi") Integer dpi) {
        return charts.render(ranking(from, to, by, order, n, departmentId, null), format, dpi);
    }

    @GET
    @Path("/doctors/{doctorId}/top-drugs")
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q3: a doctor's most prescribed drugs over a period",
            description = "Only drugs the doctor prescribed, by quantity or amount, n 1-100. A doctor may ask about "
                    + "themselves only (staff_id claim).")
    public Uni<DrugUsageDtos.DrugRanking> doctorTopDrugs(@PathParam("doctorId") long doctorId,
                                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                                         @QueryParam("by") String by, @QueryParam("n") Integer n,
                                                         @QueryParam("source") String source) {
        Access.of(jwt).requireDoctor(doctorId);
        Params.Checks checks = Params.checks();
        YearMonth last = checks.month("to", to, YearMonth.now(ZoneOffset.UTC));
        YearMonth first = checks.month("from", from, last.minusMonths(11));
        checks.ordered("from", first, "to", last);
        String measure = checks.oneOf("by", by, "quantity", Set.of("quantity", "amount"));
        int count = checks.intInRange("n", n, 10, 1, 100);
        Source sourceOf = Source.of(checks, source);
        checks.refuseIfAny();
        return service.ranking(first, last, measure, "top", count, null, doctorId, sourceOf);
    }

    @GET
    @Path("/doctors/{doctorId}/top-drugs/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q3 as a chart (PNG, 300 DPI by default, or SVG)")
    public Uni<Response> doctorTopDrugsChart(@PathParam("doctorId") long doctorId, @QueryParam("from") String from,
                                             @QueryParam("to") String to, @QueryParam("by") String by,
                                             @QueryParam("n") Integer n, @QueryParam("format") String format,
                                             @QueryParam("dpi") Integer dpi) {
        return charts.render(doctorTopDrugs(doctorId, from, to, by, n, null), format, dpi);
    }
}
