package org.mdms.local;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * One simulated patient's vital signs: each value takes a random step and is pulled back towards the patient's own
 * baseline (a mean-reverting walk), so a stable patient wanders inside the normal range. A deteriorating patient's
 * baseline drifts instead: SpO2 falls towards 82 % and heart rate climbs towards 155 /min, past the alert
 * thresholds (SpO2 below 90, heart rate above 150). Every value stays inside the service's plausible ranges.
 */
final class VitalWalk {

    /** One reading as a device sends it; secondary is the diastolic pressure of BLOOD_PRESSURE, else null. */
    record Reading(String type, double value, Double secondary, Instant measuredAt) {
        String json() {
            StringBuilder text = new StringBuilder("{\"type\":\"").append(type).append("\",\"value\":")
                    .append(format(value));
            if (secondary != null) {
                text.append(",\"secondaryValue\":").append(format(secondary));
            }
            return text.append(",\"measuredAt\":\"").append(measuredAt).append("\"}").toString();
        }
    }

    private final Random random;
    private final double heartRateBase;
    private final double spo2Base;
    private double heartRate;
    private double spo2;
    private double temperature;
    private double systolic;
    private double diastolic;
    private boolean deteriorating;
    private double drift;
    private Instant lastMeasured;

    VitalWalk(Random random) {
        this.random = random;
        heartRateBase = 65 + random.nextDouble() * 25;
        spo2Base = 96 + random.nextDouble() * 3;
        heartRate = heartRateBase;
        spo2 = spo2Base;
        temperature = 36.4 + random.nextDouble() * 0.7;
        systolic = 110 + random.nextDouble() * 20;
        diastolic = 70 + random.nextDouble() * 12;
    }

    /** From now on the patient gets worse, one step at a time. */
    void deteriorate() {
        deteriorating = true;
    }

    boolean deteriorating() {
        return deteriorating;
    }

    /**
     * One reading of each type, all measured at the given instant, or a millisecond after the previous readings when
     * that instant is not later: a monitor never sends two readings of one type with the same time (a late clock
     * thread runs two ticks within one millisecond, and the service would rightly drop the second as a duplicate).
     */
    List<Reading> next(Instant now) {
        Instant at = lastMeasured == null || now.isAfter(lastMeasured) ? now : lastMeasured.plusMillis(1);
        lastMeasured = at;
        if (deteriorating) {
            drift = Math.min(1, drift + 0.02); // fully deteriorated after 50 steps
        }
        heartRate = step(heartRate, heartRateBase + drift * (155 - heartRateBase), 1.5, 35, 190);
        spo2 = step(spo2, spo2Base - drift * (spo2Base - 82), 0.4, 70, 100);
        temperature = step(temperature, 36.8 + drift * 1.2, 0.03, 35, 41);
        systolic = step(systolic, 120 - drift * 25, 1.5, 70, 200);
        diastolic = step(diastolic, 78 - drift * 15, 1.0, 40, Math.min(120, systolic - 15));
        return List.of(
                new Reading("HEART_RATE", Math.round(heartRate), null, at),
                new Reading("SPO2", Math.round(spo2), null, at),
                new Reading("TEMPERATURE", Math.round(temperature * 10) / 10.0, null, at),
                new Reading("BLOOD_PRESSURE", Math.round(systolic), (double) Math.round(diastolic), at));
    }

    /** A random step, then a third of the way back towards the target, kept inside [min, max]. */
    private double step(double value, double target, double noise, double min, double max) {
        double next = value + random.nextGaussian() * noise;
        next += (target - next) / 3;
        return Math.max(min, Math.min(max, next));
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
