package org.mdms.analytics.vitals;

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
import org.mdms.analytics.care.ClinicalReads;
import org.mdms.analytics.chart.ChartResponses;
import org.mdms.analytics.common.CsvWriter;
import org.mdms.analytics.common.Params;

import java.time.Duration;
import java.time.Instant;

@Path("/api/v1/patients/{patientId}/vital-signs/summary")
@Tag(name = "vital signs", description = "Question 6: a patient's vital signs over a window")
@SecurityRequirement(name = "jwt")
// a clinical read of one patient: admins and the staff who may treat a patient; analysts get population answers only
@RolesAllowed({"ADMIN", "DOCTOR", "NURSE", "TECHNICIAN"})
public class VitalSignResource {

    private final VitalSignService service;
    private final ClinicalReads clinicalReads;
    private final ChartResponses charts;
    private final JsonWebToken jwt;

    public VitalSignResource(VitalSignService service, ClinicalReads clinicalReads, ChartResponses charts,
                             JsonWebToken jwt) {
        this.service = service;
        this.clinicalReads = clinicalReads;
        this.charts = charts;
        this.jwt = jwt;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvWriter.TEXT_CSV})
    @Operation(summary = "Q6: min, max, mean and percentiles per type; anomalies by the IQR rule and the normal ranges",
            description = "Window [from, to) as ISO-8601 instants or dates (default: the last 30 days). Blood pressure "
                    + "gives systolic and diastolic series. RANGE anomalies are measurements patient-service flagged "
                    + "abnormal (inside the validation rule, outside the normal range). Arithmetic is exact decimal: "
                    + "percentiles interpolate linearly between closest ranks (rank h = (n - 1) q, R-7), fences are "
                    + "Q1 - 1.5 IQR and Q3 + 1.5 IQR, IQR anomalies are judged against the exact fences; the mean, "
                    + "percentiles and fences are then rounded once to 2 decimals, half away from zero (a value "
                    + "exactly half-way such as 167.085 becomes 167.09). Who may ask: an admin, or staff who treat "
                    + "the patient (patient-service's care relationship) or hold break-the-glass access; anyone else "
                    + "403. patient-service is asked on every request; 503 when it cannot be reached.")
    public Uni<VitalSignDtos.VitalSignSummary> summary(@PathParam("patientId") long patientId,
                                                       @Parameter(example = "2026-01-01T00:00:00Z")
                                                       @QueryParam("from") String from,
                                                       @Parameter(example = "2026-02-01T00:00:00Z")
                                                       @QueryParam("to") String to) {
        Params.Checks checks = Params.checks();
        Instant last = checks.instant("to", to, Instant.now());
        Instant first = checks.instant("from", from, last.minus(Duration.ofDays(30)));
        if (!checks.refused("from") && !checks.refused("to") && !first.isBefore(last)) {
            checks.refuse("to", "must be after from, got '" + (to == null ? last.toString() : to) + "'");
        }
        checks.refuseIfAny();
        // parameters first (no peer call for a malformed request), then the care relationship, then the warehouse
        return clinicalReads.requireVitalSigns(patientId, jwt).chain(() -> service.summary(patientId, first, last));
    }

    @GET
    @Path("/chart")
    @Produces({"image/png", "image/svg+xml"})
    @Operation(summary = "Q6 as a chart (PNG, 300 DPI by default, or SVG)",
            description = "The same access rule as the summary: admins and staff who treat the patient.")
    public Uni<Response> chart(@PathParam("patientId") long patientId, @QueryParam("from") String from,
                               @QueryParam("to") String to, @QueryParam("format") String format,
                               @QueryParam("dpi") Integer dpi) {
        return charts.render(summary(patientId, from, to), format, dpi);
    }
}
