package org.mdms.records.department;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class DepartmentDtos {

    private DepartmentDtos() {
    }

    @Schema(name = "DepartmentRequest")
    public record DepartmentRequest(
            @NotNull @Positive @Schema(example = "1") Long hospitalId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") @Schema(example = "CARD") String code,
            @NotBlank @Size(max = 200) @Schema(example = "心内科") String name,
            @Size(max = 1000) @Schema(example = "Cardiology outpatient and ward") String description) {
    }

    @Schema(name = "Department")
    public record DepartmentView(long id, long hospitalId, String code, String name, String description,
                                 Instant createdAt, Instant updatedAt) {
        public static DepartmentView of(Department d) {
            return new DepartmentView(d.getId(), d.getHospitalId(), d.getCode(), d.getName(), d.getDescription(),
                    d.getCreatedAt(), d.getUpdatedAt());
        }
    }

    /** The department as the change feed carries it. */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "DepartmentChange", requiredProperties = {"id", "hospitalId", "code", "name"})
    public record DepartmentChange(long id, long hospitalId, @Schema(example = "CARD") String code,
                                   @Schema(example = "心内科") String name) {
        public static DepartmentChange of(Department d) {
            return new DepartmentChange(d.getId(), d.getHospitalId(), d.getCode(), d.getName());
        }
    }
}
