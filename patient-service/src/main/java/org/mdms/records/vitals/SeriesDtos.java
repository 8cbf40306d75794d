package org.mdms.records.vitals;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class SeriesDtos {

    private SeriesDtos() {
    }

    @Schema(name = "VitalSignWindow", description = "One window with readings (windows without any are left out); "
            + "the secondary figures are the diastolic pressure of BLOOD_PRESSURE, null otherwise")
    public record Window(@Schema(description = "the window's start (UTC, aligned to the minute or hour)",
                                 example = "2026-12-01T08:00:00Z") Instant start,
                         @Schema(example = "96.25") BigDecimal mean, @Schema(example = "94") BigDecimal min,
                         @Schema(example = "98") BigDecimal max, @Schema(example = "60") long count,
                         @Schema(nullable = true) BigDecimal secondaryMean,
                         @Schema(nullable = true) BigDecimal secondaryMin,
                         @Schema(nullable = true) BigDecimal secondaryMax) {
    }

    @Schema(name = "VitalSignSeries")
    public record Series(long patientId, VitalType type, @Schema(example = "1m") String window, Instant from,
                         @Schema(description = "exclusive") Instant to, List<Window> windows) {
    }
}
