package org.mdms.records.vitals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Vital signs that were just committed (a device's batch or a typed-in measurement), fired asynchronously after the
 * commit: alert rules and the ward streams react to it, the writer never waits for them.
 */
public record ReadingsStored(List<Reading> readings) {

    /** sourceDevice: the device's id, null for a typed-in value. */
    public record Reading(long vitalSignId, long patientId, VitalType type, BigDecimal value,
                          BigDecimal secondaryValue, boolean abnormal, Instant measuredAt, Long sourceDevice) {
    }
}
