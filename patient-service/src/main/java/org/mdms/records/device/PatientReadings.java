package org.mdms.records.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mdms.records.device.MeasurementQueries.NewReading;
import org.mdms.records.vitals.VitalType;

import java.io.IOException;
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

    /**
     * A record's value as KafkaReadingPipeline wrote it (JSON); anything else, or a record missing what a write needs,
     * is an {@link UnreadableRecord}.
     */
    static PatientReadings read(ObjectMapper json, byte[] value) {
        if (value == null || value.length == 0) {
            throw new UnreadableRecord("the record has no value");
        }
        PatientReadings record;
        try {
            record = json.readValue(value, PatientReadings.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableRecord("not a readings record: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableRecord("not a readings record: " + e.getMessage());
        }
        if (record == null || record.deviceId() <= 0 || record.patientId() <= 0 || record.deviceSerial() == null
                || record.readings() == null
                || record.readings().stream().anyMatch(r -> r == null || r.type() == null || r.value() == null
                || r.unit() == null || r.measuredAt() == null)) {
            throw new UnreadableRecord("a readings record without its device, patient or readings, or a reading "
                    + "without its type, value, unit or measuredAt");
        }
        return record;
    }

    /** Back into a prepared batch for MeasurementIngest.write; the device was checked when the readings came in. */
    MeasurementIngest.Prepared prepared() {
        List<NewReading> own = readings.stream().map(r -> new NewReading(patientId, r.type(), r.value(),
                r.secondaryValue(), r.unit(), r.abnormal(), r.measuredAt())).toList();
        return new MeasurementIngest.Prepared(new MeasurementQueries.DeviceRow(deviceId, deviceSerial,
                DeviceStatus.ACTIVE, null), own.size(), own, 0, List.of());
    }
}
