package org.mdms.records.visit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class VisitDtos {

    /** ICD-10: a letter (U is reserved), two characters, optionally a dot and up to four more. */
    public static final String ICD10 = "[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?";
    static final String ICD10_MESSAGE = "must be an ICD-10 code such as I10 or J45.901";

    private VisitDtos() {
    }

    @Schema(name = "VisitRequest")
    public record VisitRequest(
            @NotNull @Positive @Schema(example = "1") Long patientId,
            @NotNull @Positive @Schema(description = "a staff member of kind DOCTOR", example = "1") Long doctorId,
            @NotNull @Positive @Schema(example = "1") Long departmentId,
            @NotNull @Schema(example = "OUTPATIENT") Visit.Type type,
            @Schema(description = "defaults to OPEN", example = "OPEN") Visit.Status status,
            @NotNull @Schema(description = "not in the future", example = "2026-11-21T01:30:00Z") Instant startedAt,
            @Schema(description = "after startedAt, not in the future", example = "2026-11-21T02:10:00Z")
            Instant endedAt,
            @Size(max = 1000) @Schema(example = "胸闷、气短三天") String chiefComplaint,
            @Size(max = 1000) @Schema(example = "原发性高血压") String diagnosis,
            @Size(max = 16) @Pattern(regexp = ICD10, message = ICD10_MESSAGE) @Schema(example = "I10")
            String diagnosisCode) {
    }

    @Schema(name = "VisitClose", description = "Closing a visit; every field is optional")
    public record VisitClose(
            @Schema(description = "defaults to now; after startedAt, not in the future",
                    example = "2026-11-21T02:10:00Z") Instant endedAt,
            @Size(max = 1000) @Schema(example = "原发性高血压") String diagnosis,
            @Size(max = 16) @Pattern(regexp = ICD10, message = ICD10_MESSAGE) @Schema(example = "I10")
            String diagnosisCode) {
    }

    @Schema(name = "Visit")
    public record VisitView(long id, long patientId, long doctorId, long departmentId, Visit.Type type,
                            Visit.Status status, Instant startedAt, Instant endedAt, String chiefComplaint,
                            String diagnosis, String diagnosisCode, Instant createdAt, Instant updatedAt,
                            int version) {
        public static VisitView of(Visit v) {
            return new VisitView(v.getId(), v.getPatientId(), v.getDoctorId(), v.getDepartmentId(), v.getType(),
                    v.getStatus(), v.getStartedAt(), v.getEndedAt(), v.getChiefComplaint(), v.getDiagnosis(),
                    v.getDiagnosisCode(), v.getCreatedAt(), v.getUpdatedAt(), v.getVersion());
        }
    }

    /** The visit as the change feed carries it: no free text leaves the records service. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "VisitChange", requiredProperties = {"id", "patientId", "doctorId", "departmentId", "type",
            "status", "startedAt", "endedAt", "diagnosisCode"})
    public record VisitChange(long id, long patientId, long doctorId, long departmentId, Visit.Type type,
                              Visit.Status status, Instant startedAt, @Schema(nullable = true) Instant endedAt,
                              @Schema(nullable = true) String diagnosisCode) {
        public static VisitChange of(Visit v) {
            return new VisitChange(v.getId(), v.getPatientId(), v.getDoctorId(), v.getDepartmentId(), v.getType(),
                    v.getStatus(), v.getStartedAt(), v.getEndedAt(), v.getDiagnosisCode());
        }
    }
}
