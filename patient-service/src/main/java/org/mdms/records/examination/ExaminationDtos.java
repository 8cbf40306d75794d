package org.mdms.records.examination;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class ExaminationDtos {

    private ExaminationDtos() {
    }

    @Schema(name = "ExaminationRequest")
    public record ExaminationRequest(
            @NotNull @Positive @Schema(example = "1") Long visitId,
            @Positive @Schema(description = "a staff member of kind TECHNICIAN; defaults to the caller when the "
                    + "caller is a technician", example = "4") Long technicianId,
            @NotBlank @Size(max = 200) @Schema(example = "血红蛋白") String item,
            @NotBlank @Size(max = 1000) @Schema(example = "128") String result,
            @Size(max = 32) @Schema(example = "g/L") String unit,
            @Size(max = 100) @Schema(example = "130-175") String referenceRange,
            @Schema(description = "outside the reference range; defaults to false", example = "true")
            Boolean abnormal,
            @NotNull @Schema(description = "not in the future", example = "2026-11-21T02:00:00Z")
            Instant performedAt) {
    }

    @Schema(name = "Examination")
    public record ExaminationView(long id, long visitId, long patientId, Long technicianId, String item,
                                  String result, String unit, String referenceRange, boolean abnormal,
                                  Instant performedAt, Instant createdAt, Instant updatedAt) {
        public static ExaminationView of(Examination e, long patientId) {
            return new ExaminationView(e.getId(), e.getVisitId(), patientId, e.getTechnicianId(), e.getItem(),
                    e.getResult(), e.getUnit(), e.getReferenceRange(), e.isAbnormal(), e.getPerformedAt(),
                    e.getCreatedAt(), e.getUpdatedAt());
        }
    }

    /** The examination as the change feed carries it. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "ExaminationChange", requiredProperties = {"id", "visitId", "patientId", "technicianId", "item",
            "abnormal", "performedAt"})
    public record ExaminationChange(long id, long visitId, long patientId, @Schema(nullable = true) Long technicianId,
                                    String item, boolean abnormal, Instant performedAt) {
        public static ExaminationChange of(Examination e, long patientId) {
            return new ExaminationChange(e.getId(), e.getVisitId(), patientId, e.getTechnicianId(), e.getItem(),
                    e.isAbnormal(), e.getPerformedAt());
        }
    }
}
