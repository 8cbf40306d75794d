package org.mdms.records.vitals;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class VitalSignDtos {

    private VitalSignDtos() {
    }

    @Schema(name = "VitalSignRequest", description = "HEART_RATE 20–300 /min (normal 60–100); BLOOD_PRESSURE value "
            + "= systolic 50–250 mmHg (normal 90–139), secondaryValue = diastolic 30–150 mmHg and below systolic "
            + "(normal 60–89); SPO2 0–100 % (normal ≥ 95); TEMPERATURE 30.0–45.0 °C (normal 36.0–37.3). Outside "
            + "the range: 400; outside normal: stored with abnormal=true.")
    public record VitalSignRequest(
            @NotNull @Positive @Schema(example = "1") Long patientId,
            @Positive @Schema(description = "optional; must be a visit of this patient", example = "1") Long visitId,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]*", message = "letters, digits, '.', '_', ':' and "
                    + "'-' only") @Schema(description = "the measuring device, for uploads", example = "MON-ICU-07")
            String deviceId,
            @NotNull @Schema(example = "BLOOD_PRESSURE") VitalType type,
            @NotNull @Digits(integer = 4, fraction = 2) @Schema(example = "128") BigDecimal value,
            @Digits(integer = 4, fraction = 2) @Schema(description = "diastolic pressure for BLOOD_PRESSURE only",
                    example = "82") BigDecimal secondaryValue,
            @Size(max = 16) @Schema(description = "optional; derived from the type (/min, mmHg, %, °C); a different "
                    + "unit is refused", example = "mmHg") String unit,
            @NotNull @Schema(description = "not in the future (one minute of clock skew allowed)",
                    example = "2026-11-21T02:00:00Z") Instant measuredAt) {
    }

    @Schema(name = "VitalSignBatch", description = "A device upload: all readings are stored, or none")
    public record VitalSignBatch(@NotEmpty @Size(max = 500) List<@NotNull @Valid VitalSignRequest> readings) {
    }

    @Schema(name = "VitalSign")
    public record VitalSignView(long id, long patientId, Long visitId, String deviceId, VitalType type,
                                BigDecimal value, BigDecimal secondaryValue, String unit, boolean abnormal,
                                Instant measuredAt, String recordedBy, Instant createdAt) {
        public static VitalSignView of(VitalSign v) {
            return new VitalSignView(v.getId(), v.getPatientId(), v.getVisitId(), v.getDeviceId(), v.getType(),
                    v.getValue(), v.getSecondaryValue(), v.getUnit(), v.isAbnormal(), v.getMeasuredAt(),
                    v.getRecordedBy(), v.getCreatedAt());
        }
    }

    /** The measurement as the change feed carries it. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "VitalSignChange", requiredProperties = {"id", "patientId", "visitId", "type", "value",
            "secondaryValue", "unit", "abnormal", "measuredAt"})
    public record VitalSignChange(long id, long patientId, @Schema(nullable = true) Long visitId, VitalType type,
                                  BigDecimal value, @Schema(nullable = true) BigDecimal secondaryValue, String unit,
                                  boolean abnormal, Instant measuredAt) {
        public static VitalSignChange of(VitalSign v) {
            return new VitalSignChange(v.getId(), v.getPatientId(), v.getVisitId(), v.getType(), v.getValue(),
                    v.getSecondaryValue(), v.getUnit(), v.isAbnormal(), v.getMeasuredAt());
        }
    }

    /**
     * Device readings as the change feed carries them: up to mdms.devices.ingest.readings-per-event of one write in
     * one event, each element exactly a VITAL_SIGN event's payload.
     */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "VitalSignBatchChange", requiredProperties = "vitalSigns", description = "Readings stored by "
            + "devices, in the order they were stored (ascending ids); apply each element as the payload of a "
            + "VITAL_SIGN event with its id")
    public record VitalSignBatchChange(@Schema(minItems = 1) List<VitalSignChange> vitalSigns) {
    }

    @Schema(name = "VitalSignBatchResult")
    public record BatchResult(int stored, int abnormal, List<VitalSignView> readings) {
    }
}
