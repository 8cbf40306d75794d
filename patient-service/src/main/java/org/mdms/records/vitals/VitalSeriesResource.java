package org.mdms.records.vitals;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.common.QueryChecks;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.vitals.SeriesDtos.Series;
import org.mdms.records.visit.PatientScope;
import org.mdms.records.visit.TimeWindow;

import java.time.Instant;

@Path("/api/v1/patients/{id}/vital-signs/series")
@Tag(name = "Vital signs")
public class VitalSeriesResource {

    private final VitalSeries series;
    private final CurrentUser currentUser;

    VitalSeriesResource(VitalSeries series, CurrentUser currentUser) {
        this.series = series;
        this.currentUser = currentUser;
    }

    @GET
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_, Role.PATIENT_})
    @Operation(summary = "A patient's vital signs per minute or hour", description = "Mean, min, max and count of "
            + "one type's readings per window (UTC-aligned; windows without readings are left out), from one GROUP "
            + "BY over the patient's readings in the range. `to` defaults to now (or the longest range after "
            + "`from`), `from` to 6 h (1m) or 7 days (1h) before `to`; at most 7 days of 1m and 366 days of 1h "
            + "windows. The same access as the vital-sign list.")
    public Uni<Series> get(@PathParam("id") long patientId,
                           @Parameter(required = true, example = "SPO2") @QueryParam("type") VitalType type,
                           @Parameter(required = true, description = "1m or 1h", example = "1m")
                           @QueryParam("window") String window,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        QueryChecks query = new QueryChecks();
        if (type == null) {
            query.refuse("type", "type is required: HEART_RATE, BLOOD_PRESSURE, SPO2 or TEMPERATURE");
        }
        if (window == null || !VitalSeries.WINDOWS.containsKey(window)) {
            query.refuse("window", "window must be 1m or 1h");
        }
        TimeWindow range = query.check(() -> TimeWindow.parse(from, to));
        query.refuseIfAny();
        Instant[] bounds = VitalSeries.range(window, range.from(), range.toExclusive());
        PatientScope.restrict(currentUser.caller(), patientId);
        return series.of(patientId, type, window, bounds[0], bounds[1], currentUser.caller());
    }
}
