package org.mdms.records.device;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public final class DeviceDtos {

    private DeviceDtos() {
    }

    @Schema(name = "DeviceRequest")
    public record DeviceRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]*", message = "letters, digits, '.', '_', "
                    + "':' and '-' only") @Schema(description = "unique; 409 when taken", example = "MON-ICU-07")
            String serialNumber,
            @NotBlank @Size(max = 40) @Schema(description = "what the device is", example = "BEDSIDE_MONITOR")
            String type,
            @Size(max = 100) @Schema(example = "迈瑞医疗") String manufacturer,
            @Size(max = 100) @Schema(example = "BeneVision N12") String model,
            @Size(max = 40) @Schema(example = "2.3.1") String firmware,
            @Schema(description = "ACTIVE when absent; only an ACTIVE device is assigned and may send readings",
                    example = "ACTIVE") DeviceStatus status) {
    }

    @Schema(name = "Device")
    public record DeviceView(long id, String serialNumber, String type, String manufacturer, String model,
                             String firmware, DeviceStatus status,
                             @Schema(description = "when it last sent a batch", nullable = true) Instant lastSeenAt,
                             @Schema(description = "when its current credential was issued; null = none yet",
                                     nullable = true) Instant credentialIssuedAt,
                             Instant createdAt, Instant updatedAt, int version) {
        static DeviceView of(Device d) {
            return new DeviceView(d.getId(), d.getSerialNumber(), d.getType(), d.getManufacturer(), d.getModel(),
                    d.getFirmware(), d.getStatus(), d.getLastSeenAt(), d.getCredentialIssuedAt(), d.getCreatedAt(),
                    d.getUpdatedAt(), d.getVersion());
        }
    }

    @Schema(name = "DeviceAssignmentRequest")
    public record AssignmentRequest(
            @NotNull @Positive @Schema(example = "1") Long patientId,
            @Size(max = 32) @Schema(example = "ICU-3-12") String bed,
            @Schema(description = "now when absent; not in the future, not before the device's last assignment "
                    + "ended", example = "2026-11-21T02:00:00Z") Instant startedAt) {
    }

    @Schema(name = "DeviceAssignment")
    public record AssignmentView(long id, long deviceId, long patientId, String bed, Instant startedAt,
                                 @Schema(nullable = true) Instant endedAt, String assignedBy,
                                 @Schema(nullable = true) String endedBy) {
        static AssignmentView of(DeviceAssignment a) {
            return new AssignmentView(a.getId(), a.getDeviceId(), a.getPatientId(), a.getBed(), a.getStartedAt(),
                    a.getEndedAt(), a.getAssignedBy(), a.getEndedBy());
        }
    }

    @Schema(name = "DeviceCredential", description = "The secret is shown here once; only its hash is kept")
    public record CredentialView(long deviceId,
                                 @Schema(example = "q8ZQ3u1m2Yb0cXj6T4f7wVt9sLrPq1aN0eHk5uGd3yI") String secret,
                                 @Schema(description = "the header value a device sends with its readings",
                                         example = "Device 1:q8ZQ3u1m2Yb0cXj6T4f7wVt9sLrPq1aN0eHk5uGd3yI")
                                 String authorization,
                                 Instant issuedAt) {
    }

    /** One reading as a device sends it; checked one by one so a bad reading does not refuse its batch. */
    @RegisterForReflection // read by ObjectMapper from a JSON array or NDJSON lines, not by the REST layer
    @Schema(name = "DeviceReading", description = "Same rules as a typed-in vital sign: HEART_RATE 20–300 /min; "
            + "BLOOD_PRESSURE value = systolic 50–250, secondaryValue = diastolic 30–150 and below systolic; SPO2 "
            + "0–100 %; TEMPERATURE 30.0–45.0 °C; measuredAt not in the future and not older than the late window")
    public record Reading(
            @Schema(example = "HEART_RATE", required = true) VitalType type,
            @Schema(example = "72", required = true) BigDecimal value,
            @Schema(description = "diastolic pressure for BLOOD_PRESSURE only", example = "82")
            BigDecimal secondaryValue,
            @Schema(description = "optional; a spelling of the type's unit", example = "/min") String unit,
            @Schema(example = "2026-12-01T08:00:00Z", required = true) Instant measuredAt,
            @Schema(description = "optional; when given it must be the patient the device is assigned to at "
                    + "measuredAt", example = "1") Long patientId) {
    }

    @Schema(name = "ReadingRefusal")
    public record Refusal(@Schema(description = "0-based position in the batch", example = "3") int index,
                          @Schema(example = "value") String field,
                          @Schema(example = "HEART_RATE must be between 20 and 300 /min") String reason) {
    }

    @Schema(name = "DeviceReadingsResult", description = "What became of each reading: accepted + duplicates + "
            + "refused = received. Duplicates (same device, type and measuredAt as a stored reading or an earlier "
            + "one of the batch) are dropped silently, so resending a batch is safe.")
    public record IngestResult(int received, int accepted, int duplicates, int refused, int abnormal,
                               List<Refusal> refusals) {
    }
}
