package org.mdms.records.ward;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class WardDtos {

    private WardDtos() {
    }

    @Schema(name = "WardReading")
    public record LatestReading(VitalType type, BigDecimal value, @Schema(nullable = true) BigDecimal secondaryValue,
                                String unit, boolean abnormal, Instant measuredAt) {
    }

    @Schema(name = "WardUpdate", description = "One server-sent event of a ward stream: a patient of the ward (an "
            + "OPEN visit in the department) and their newest reading of each type that changed")
    public record WardUpdate(long departmentId, long patientId, List<LatestReading> readings) {
    }
}
