package org.mdms.records.staff;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;

import java.time.Instant;
import java.util.function.Function;

public final class StaffDtos {

    private StaffDtos() {
    }

    @Schema(name = "StaffRequest")
    public record StaffRequest(
            @NotNull @Positive @Schema(description = "the staff member's sign-in account; its role must match kind",
                    example = "2") Long userId,
            @NotNull @Positive @Schema(example = "1") Long departmentId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") @Schema(example = "S0001") String staffNo,
            @NotBlank @Size(max = 100) @Schema(example = "王建国") String name,
            @NotNull @Schema(example = "DOCTOR") Staff.Kind kind,
            @Size(max = 100) @Schema(example = "主任医师") String title,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*") @Schema(example = "13800138000") String phone,
            @Size(max = 200) @Email @Schema(example = "wang@hospital.cn") String email,
            @Schema(example = "true") Boolean active) {
    }

    @Schema(name = "Staff", description = "Patients and analysts see names, kinds, titles and departments only "
            + "(userId, staffNo, phone and email are null)")
    public record StaffView(long id, Long userId, long departmentId, String staffNo, String name, Staff.Kind kind,
                            String title, String phone, String email, boolean active, Instant createdAt,
                            Instant updatedAt) {
        public static StaffView of(Staff s) {
            return new StaffView(s.getId(), s.getUserId(), s.getDepartmentId(), s.getStaffNo(), s.getName(),
                    s.getKind(), s.getTitle(), s.getPhone(), s.getEmail(), s.isActive(), s.getCreatedAt(),
                    s.getUpdatedAt());
        }

        /** What someone outside the staff may know about a staff member: who they are, not how to reach them. */
        public static StaffView directory(Staff s) {
            return new StaffView(s.getId(), null, s.getDepartmentId(), null, s.getName(), s.getKind(), s.getTitle(),
                    null, null, s.isActive(), null, null);
        }

        public static Function<Staff, StaffView> viewFor(Caller caller) {
            return caller.role() != null && (caller.role().isStaff() || caller.is(Role.ADMIN))
                    ? StaffView::of : StaffView::directory;
        }
    }

    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "StaffChange", requiredProperties = {"id", "userId", "departmentId", "kind", "name", "title",
            "active"})
    public record StaffChange(long id, long userId, long departmentId, Staff.Kind kind, String name,
                              @Schema(nullable = true) String title, boolean active) {
        public static StaffChange of(Staff s) {
            return new StaffChange(s.getId(), s.getUserId(), s.getDepartmentId(), s.getKind(), s.getName(),
                    s.getTitle(), s.isActive());
        }
    }
}
