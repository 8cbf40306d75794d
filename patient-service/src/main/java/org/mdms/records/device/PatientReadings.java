package org.mdms.records.device;

import org.mdms.records.device.MeasurementQueries.NewReading;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One record of the readings topic: checked readings of one device for one patient (the record's key), as
 * MeasurementIngest.prepare left them. The consumer stores them exactly as a batch is stored.
 */
public record PatientReadings(long deviceId, String deviceSerial, long patientId, List<Reading> readings) {

    /** A checked reading; abnormal and unit were settled by the checks, measuredAt is the stored (micro) time. */
    public record Reading(VitalType type, BigDecimal value, BigDecimal secondaryValue, String unit, boolean abnormal,
                          Instant measuredAt) {
    }

    static PatientReadings of(MeasurementQueries.DeviceRow device, long patientId, List<NewReading> readings) {
        return new PatientReadings(device.id(), device.serialNumber(), patientId, readings.stream()
                .map(r -> new Reading(r.type(), r.value(), r.secondaryValue(), r.unit(), r.abnormal(),
                        r.measuredAt()))
                .toList());
    }

    /** Back into a prepared batch for MeasurementIngest.write; the device was checked when the readings came in. */
    MeasurementIngest.Prepared prepared() {
        List<NewReading> own = readings.stream().map(r -> new NewReading(patientId, r.type(), r.value(),
                r.secondaryValue(), r.unit(), r.abnormal(), r.measuredAt())).toList();
        return new MeasurementIngest.Prepared(new MeasurementQueries.DeviceRow(deviceId, deviceSerial,
                DeviceStatus.ACTIVE, null), own.size(), own, 0, List.of());
    }
}
