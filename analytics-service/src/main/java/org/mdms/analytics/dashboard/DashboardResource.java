package org.mdms.analytics.dashboard;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.analytics.chart.ChartResponses;
import org.mdms.analytics.common.AnalyticsConfig;
import org.mdms.analytics.common.CsvWriter;
import org.mdms.common.DomainException;
import org.mdms.analytics.common.Params;

import java.time.LocalDate;
import java.time.ZoneOffset;

@Path("/api/v1/dashboard")
@Tag(name = "dashboard", description = "Question 7: the day at a glance")
@SecurityRequirement(name = "jwt")
public class DashboardResource {

    private final DashboardService service;
    private final ChartResponses charts;
    private final SecurityIdentity identity;
    private final boolean publicChart;

    public DashboardResource(DashboardService service, ChartResponses charts, SecurityIdentity identity,
                             AnalyticsConfig config) {
        this.service = service;
        this.charts = charts;
        this.identity = identity;
        this.publicChart = config.dashboard().publicChart();
    }

    @GET
    @RolesAllowed({"ADMIN", "ANALYST"})
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q7: dashboard summary", description = "The day's visits, prescriptions, revenue, vital sign "
            + "measurements and abnormal ones (default today, UTC), and the top drugs by quantity (then drug id) of "
            + "the 12 months up to it: from the first day of the month 11 months before the date's month through "
            + "the date itself, no day after it (topDrugsFrom and topDrugsTo give the window as dates, both "
            + "inclusive). Cancelled prescriptions are left out.")
    public Uni<DashboardDtos.Dashboard> summary(@QueryParam("date") String date, @QueryParam("top") Integer top) {
        Params.Checks checks = Params.checks();
        LocalDate day = checks.date("date", date, LocalDate.now(ZoneOffset.UTC));
        int count = checks.intInRange("top", top, 10, 1, 50);
        checks.refuseIfAny();
        return service.summary(day, count);
    }

    @GET
    @Path("/chart")
    @PermitAll
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q7 as a chart (PNG, 300 DPI by default, or SVG)", description = "Needs an ANALYST or ADMIN "
            + "token, except where mdms.analytics.dashboard.public-chart=true (the local demo profile): it shows "
            + "aggregates only, so ./mdms run can print a URL a browser opens directly.")
    public Uni<Response> chart(@QueryParam("date") String date,
                               // numbers taken as text: the caller is checked first (403 whatever they hold)
                               @QueryParam("top") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String top,
                               @QueryParam("format") String format,
                               @QueryParam("dpi") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String dpi) {
        if (identity.isAnonymous()) {
            if (!publicChart) {
                throw DomainException.unauthorized("a valid bearer token is required");
            }
        } else if (!identity.hasRole("ADMIN") && !identity.hasRole("ANALYST")) {
            throw DomainException.forbidden("the dashboard is for analysts and admins");
        }
        Params.Checks checks = Params.checks();
        Integer count = checks.wholeNumber("top", top);
        Integer resolution = checks.wholeNumber("dpi", dpi);
        checks.refuseIfAny();
        return charts.render(summary(date, count), format, resolution);
    }
}
