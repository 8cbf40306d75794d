package org.mdms.records.alert;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public final class AlertDtos {

    private AlertDtos() {
    }

    @Schema(name = "AlertRuleRequest", description = "VITAL_SIGN rules need vitalType and below and/or above (on "
            + "`value`: the systolic pressure for BLOOD_PRESSURE); DEVICE_SILENT rules need silentAfterSeconds. At "
            + "most one of departmentId and patientId: neither = the hospital's default (admins), a department's "
            + "default (admins), or one patient's override (admins, or a doctor treating the patient). For one "
            + "code the most specific rule applies; an override with enabled=false turns the rule off.")
    public record RuleRequest(
            @NotNull @Size(max = 40) @Pattern(regexp = "[A-Z][A-Z0-9_]*", message = "capital letters, digits and "
                    + "'_' only, e.g. SPO2_LOW") @Schema(example = "SPO2_LOW") String code,
            @NotNull @Schema(example = "VITAL_SIGN") RuleKind kind,
            @Schema(example = "SPO2") VitalType vitalType,
            @Positive @Schema(description = "a department's default") Long departmentId,
            @Positive @Schema(description = "one patient's override", example = "1") Long patientId,
            @NotNull @Schema(example = "HIGH") Severity severity,
            @Digits(integer = 4, fraction = 2) @Schema(description = "breach when the value is below this",
                    example = "88") BigDecimal below,
            @Digits(integer = 4, fraction = 2) @Schema(description = "breach when the value is above this")
            BigDecimal above,
            @PositiveOrZero @Max(86_400) @Schema(description = "the breach must last this long (measuredAt of the "
                    + "readings) before the alert opens; 0 = at the first breaching reading", example = "30")
            Integer sustainSeconds,
            @PositiveOrZero @Max(86_400) @Schema(description = "values normal this long (measuredAt) resolve the "
                    + "alert; default 60", example = "60") Integer resolveAfterSeconds,
            @Positive @Max(86_400) @Schema(description = "not acknowledged this long after opening: escalated "
                    + "(severity one step up, escalated=true); default 300", example = "300")
            Integer escalateAfterSeconds,
            @Positive @Max(86_400) @Schema(description = "DEVICE_SILENT: an assigned device that sent nothing this "
                    + "long") Integer silentAfterSeconds,
            @Schema(description = "true when absent", example = "true") Boolean enabled) {
    }

    @Schema(name = "AlertRule")
    public record RuleView(long id, String code, RuleKind kind, @Schema(nullable = true) VitalType vitalType,
                           @Schema(nullable = true) Long departmentId, @Schema(nullable = true) Long patientId,
                           @Schema(description = "ALL (the hospital's default), DEPARTMENT or PATIENT",
                                   example = "PATIENT") String scope,
                           Severity severity, @Schema(nullable = true) BigDecimal below,
                           @Schema(nullable = true) BigDecimal above, int sustainSeconds, int resolveAfterSeconds,
                           int escalateAfterSeconds, @Schema(nullable = true) Integer silentAfterSeconds,
                           boolean enabled, String updatedBy, Instant updatedAt, int version) {
        static RuleView of(AlertRule r) {
            return new RuleView(r.getId(), r.getCode(), r.getKind(), r.getVitalType(), r.getDepartmentId(),
                    r.getPatientId(), r.scope(), r.getSeverity(), r.getBelow(), r.getAbove(), r.getSustainSeconds(),
                    r.getResolveAfterSeconds(), r.getEscalateAfterSeconds(), r.getSilentAfterSeconds(),
                    r.isEnabled(), r.getUpdatedBy(), r.getUpdatedAt(), r.getVersion());
        }
    }

    @Schema(name = "AlertAcknowledgement")
    public record Acknowledgement(@Size(max = 500) @Schema(description = "optional",
            example = "SpO2 probe re-seated, patient repositioned") String note) {
    }

    @Schema(name = "Alert", description = "One open alert per patient and rule code: a breach that goes on updates "
            + "lastValue, lastBreachAt and breaches instead of opening another")
    public record AlertView(long id, long patientId, @Schema(nullable = true) Long departmentId, long ruleId,
                            @Schema(example = "SPO2_LOW") String ruleCode, RuleKind kind,
                            @Schema(nullable = true) VitalType vitalType,
                            @Schema(nullable = true, description = "DEVICE_SILENT: the silent device") Long deviceId,
                            Severity severity, AlertStatus status, boolean escalated,
                            @Schema(example = "SPO2 below 90 for 30 s (latest 86 %)") String message,
                            @Schema(nullable = true) BigDecimal firstValue,
                            @Schema(nullable = true) BigDecimal lastValue, int breaches,
                            @Schema(description = "measuredAt of the first reading of the breach") Instant breachStartedAt,
                            Instant lastBreachAt, Instant openedAt, @Schema(nullable = true) Instant escalatedAt,
                            @Schema(nullable = true) Instant acknowledgedAt,
                            @Schema(nullable = true) String acknowledgedBy,
                            @Schema(nullable = true) String acknowledgeNote,
                            @Schema(nullable = true) Instant resolvedAt, @Schema(nullable = true) String resolvedBy,
                            @Schema(nullable = true, description = "AUTO (values normal again, or the device "
                                    + "heard again) or MANUAL") String resolution,
                            int version) {
    }

    @Schema(name = "AlertEvent", description = "One server-sent event of GET /api/v1/alerts/stream")
    public record AlertEvent(@Schema(description = "OPENED, ESCALATED, ACKNOWLEDGED or RESOLVED", example = "OPENED")
                             String change, AlertView alert) {
    }

    @Schema(name = "AlertResponseTimes", description = "Seconds from opening, over the alerts of the window that "
            + "reached the step; percentiles by nearest rank (the value at rank ceil(p/100 x count) in ascending "
            + "order: always one of the measured times); null when count is 0")
    public record ResponseTimes(@Schema(example = "4") long count,
                                @Schema(nullable = true, example = "42.5") BigDecimal p50Seconds,
                                @Schema(nullable = true, example = "180.0") BigDecimal p95Seconds,
                                @Schema(nullable = true, example = "180.0") BigDecimal maxSeconds) {
    }

    @Schema(name = "AlertDepartmentStatistics", description = "The alerts opened in the window in one department "
            + "(the department of the patient's open visit when the alert opened; null: no open visit)")
    public record DepartmentStatistics(@Schema(nullable = true, example = "1") Long departmentId,
                                       @Schema(nullable = true, example = "心内科") String departmentName,
                                       @Schema(example = "12") long total,
                                       @Schema(description = "every severity, 0 when none",
                                               example = "{\"LOW\":0,\"MEDIUM\":3,\"HIGH\":7,\"CRITICAL\":2}")
                                       Map<Severity, Long> bySeverity,
                                       @Schema(description = "every status, 0 when none (the status now)",
                                               example = "{\"OPEN\":2,\"ACKNOWLEDGED\":3,\"RESOLVED\":7}")
                                       Map<AlertStatus, Long> byStatus,
                                       ResponseTimes timeToAcknowledge, ResponseTimes timeToResolve) {
    }

    @Schema(name = "AlertStatistics")
    public record Statistics(@Schema(nullable = true, description = "openedAt from (inclusive)") Instant from,
                             @Schema(nullable = true, description = "openedAt before this instant (the `to` asked for, made "
                                     + "exclusive)") Instant to,
                             @Schema(description = "how p50 and p95 are taken", example = "nearest-rank")
                             String percentile,
                             List<DepartmentStatistics> departments) {
    }
}
