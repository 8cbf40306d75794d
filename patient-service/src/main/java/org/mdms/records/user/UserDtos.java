package org.mdms.records.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccount;
import org.mdms.records.auth.UserNames;

import java.time.Instant;

public final class UserDtos {

    private UserDtos() {
    }

    @Schema(name = "NewUser")
    public record NewUser(
            @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE)
            @Schema(example = "dr.wang", description = "exact: compared byte for byte; refused if it differs from an "
                    + "existing name only in letter case") String username,
            @NotBlank @Size(min = 8, max = 200) @Schema(example = "correct horse battery") String password,
            @NotNull @Schema(example = "DOCTOR") Role role,
            @NotBlank @Size(max = 100) @Schema(example = "王医生") String displayName) {
    }

    @Schema(name = "UserUpdate")
    public record UserUpdate(
            @NotBlank @Size(max = 100) @Schema(example = "王医生") String displayName,
            @NotNull @Schema(example = "true", description = "false ends the account's tokens in every service")
            Boolean enabled,
            @Schema(example = "DOCTOR", description = "optional; a new role ends the account's tokens") Role role) {
    }

    @Schema(name = "PasswordChange")
    public record PasswordChange(@NotBlank @Size(min = 8, max = 200) @Schema(example = "Huaxia-2026-ward7")
                                 String password) {
    }

    @Schema(name = "User")
    public record UserView(long id, String username, Role role, String displayName, boolean enabled,
                           @Schema(description = "set while too many wrong passwords keep the account locked")
                           Instant lockedUntil, Instant createdAt, Instant updatedAt) {
        public static UserView of(UserAccount u) {
            Instant locked = u.isLocked(Instant.now()) ? u.getLockedUntil() : null;
            return new UserView(u.getId(), u.getUsername(), u.getRole(), u.getDisplayName(), u.isEnabled(), locked,
                    u.getCreatedAt(), u.getUpdatedAt());
        }
    }
}
