package org.mdms.records.care;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

public final class EmergencyAccessDtos {

    private EmergencyAccessDtos() {
    }

    @Schema(name = "EmergencyAccessRequest")
    public record EmergencyAccessRequest(
            @NotBlank @Size(min = 10, max = 500) @Schema(description = "why the record must be opened now; kept "
                    + "in the audit log and shown to admins", example = "unconscious patient in the emergency room, "
                    + "treating physician not reachable") String reason) {
    }

    @Schema(name = "EmergencyAccess", description = "A break-the-glass grant: the caller treats the patient until "
            + "expiresAt")
    public record EmergencyAccessView(long id, long patientId, long userId, String username, String role,
                                      String reason, Instant grantedAt, Instant expiresAt, boolean active) {
        public static EmergencyAccessView of(EmergencyAccess a) {
            return new EmergencyAccessView(a.getId(), a.getPatientId(), a.getUserId(), a.getUsername(), a.getRole(),
                    a.getReason(), a.getGrantedAt(), a.getExpiresAt(), a.getExpiresAt().isAfter(Instant.now()));
        }
    }
}
