package org.mdms.records.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccount;

import java.time.Instant;

public final class UserDtos {

    private UserDtos() {
    }

    @Schema(name = "NewUser")
    public record NewUser(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+",
                    message = "may contain letters, digits, '.', '_' and '-' only") @Schema(example = "dr.wang")
            String username,
            @NotBlank @Size(min = 8, max = 200) @Schema(example = "correct horse battery") String password,
            @NotNull @Schema(example = "DOCTOR") Role role,
            @NotBlank @Size(max = 100) @Schema(example = "王医生") String displayName) {
    }

    @Schema(name = "UserUpdate")
    public record UserUpdate(
            @NotBlank @Size(max = 100) @Schema(example = "王医生") String displayName,
            @NotNull @Schema(example = "true") Boolean enabled) {
    }

    @Schema(name = "PasswordChange")
    public record PasswordChange(@NotBlank @Size(min = 8, max = 200) String password) {
    }

    @Schema(name = "User")
    public record UserView(long id, String username, Role role, String displayName, boolean enabled,
                           Instant createdAt, Instant updatedAt) {
        public static UserView of(UserAccount u) {
            return new UserView(u.getId(), u.getUsername(), u.getRole(), u.getDisplayName(), u.isEnabled(),
                    u.getCreatedAt(), u.getUpdatedAt());
        }
    }
}
