package org.mdms.records.report;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;
import org.mdms.records.report.PrescriptionTotals.BreakdownRow;
import org.mdms.records.report.PrescriptionTotals.MonthTotals;

import java.util.List;

@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Source-side totals analytics reconciles its warehouse against")
@RolesAllowed({Role.ADMIN_, Role.ANALYST_})
public class ReportResource {

    private final PrescriptionTotals totals;

    ReportResource(PrescriptionTotals totals) {
        this.totals = totals;
    }

    @GET
    @Path("/prescription-totals")
    @Operation(summary = "Prescription totals per month", description = "For each month of [from, to] (by issuedAt "
            + "in UTC; months with nothing issued show zeros): prescriptions not CANCELLED, their items, summed "
            + "quantity and amount. 400 for a malformed or inverted month range, or more than 120 months.")
    public Uni<List<MonthTotals>> prescriptionTotals(
            @Parameter(description = "first month, yyyy-MM", required = true, example = "2026-01") @QueryParam("from") String from,
            @Parameter(description = "last month (inclusive), yyyy-MM", required = true, example = "2026-12") @QueryParam("to") String to) {
        return totals.between(PrescriptionTotals.parseMonth("from", from), PrescriptionTotals.parseMonth("to", to));
    }

    @GET
    @Path("/prescription-breakdown")
    @Operation(summary = "Prescription totals per month and department, doctor or drug", description = "For each "
            + "month of [from, to] (by issuedAt in UTC) and each department (the visit's current department), doctor "
            + "(the prescriber) or drug with something issued: prescriptions not CANCELLED (for a drug, those with a "
            + "line of it), their items (for a drug, its lines), summed quantity and amount. Analytics compares its "
            + "rollups with these. 400 for a malformed or inverted month range, more than 120 months, or an unknown "
            + "`by`.")
    public Uni<List<BreakdownRow>> prescriptionBreakdown(
            @Parameter(description = "first month, yyyy-MM", required = true, example = "2026-01")
            @QueryParam("from") String from,
            @Parameter(description = "last month (inclusive), yyyy-MM", required = true, example = "2026-12")
            @QueryParam("to") String to,
            @Parameter(description = "department, doctor or drug", required = true, example = "department",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"department", "doctor", "drug"}))
            @QueryParam("by") String by) {
        return totals.breakdown(PrescriptionTotals.parseMonth("from", from), PrescriptionTotals.parseMonth("to", to),
                parseBy(by));
    }

    private static PrescriptionTotals.By parseBy(String by) {
        if (by != null) {
            for (PrescriptionTotals.By value : PrescriptionTotals.By.values()) {
                if (value.name().toLowerCase(java.util.Locale.ROOT).equals(by)) {
                    return value;
                }
            }
        }
        throw DomainException.invalid("by", "by must be one of department, doctor, drug");
    }
}
