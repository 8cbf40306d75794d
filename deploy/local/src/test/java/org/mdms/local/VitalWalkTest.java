package org.mdms.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VitalWalkTest {

    /** The service's plausible ranges (VitalType): a value outside them would be refused. */
    private static void assertPlausible(VitalWalk.Reading r) {
        switch (r.type()) {
            case "HEART_RATE" -> assertTrue(r.value() >= 20 && r.value() <= 300, r.toString());
            case "SPO2" -> assertTrue(r.value() >= 0 && r.value() <= 100, r.toString());
            case "TEMPERATURE" -> assertTrue(r.value() >= 30 && r.value() <= 45, r.toString());
            case "BLOOD_PRESSURE" -> assertTrue(r.value() >= 50 && r.value() <= 250 && r.secondary() >= 30
                    && r.secondary() <= 150 && r.secondary() < r.value(), r.toString());
            default -> throw new AssertionError("unknown type " + r.type());
        }
        // at most 2 decimals, as the service requires
        assertEquals(r.value(), Math.round(r.value() * 100) / 100.0, r.toString());
    }

    @Test
    void aStablePatientStaysPlausibleAndMostlyNormal() {
        Random seeds = new Random(7);
        int abnormalSpo2 = 0;
        int readings = 0;
        for (int patient = 0; patient < 50; patient++) {
            VitalWalk walk = new VitalWalk(new Random(seeds.nextLong()));
            for (int step = 0; step < 2_000; step++) {
                for (VitalWalk.Reading r : walk.next(Instant.EPOCH.plusSeconds(step))) {
                    assertPlausible(r);
                    if (r.type().equals("SPO2") && r.value() < 90) {
                        abnormalSpo2++;
                    }
                    readings++;
                }
            }
        }
        assertEquals(400_000, readings);
        assertEquals(0, abnormalSpo2, "a stable patient's SpO2 never falls below 90");
    }

    @Test
    void aDeterioratingPatientCrossesTheAlertThresholdsAndStaysPlausible() {
        VitalWalk walk = new VitalWalk(new Random(11));
        for (int step = 0; step < 20; step++) {
            walk.next(Instant.EPOCH.plusSeconds(step));
        }
        walk.deteriorate();
        List<VitalWalk.Reading> last = List.of();
        boolean spo2Below90 = false;
        boolean heartRateAbove150 = false;
        for (int step = 0; step < 200; step++) {
            last = walk.next(Instant.EPOCH.plusSeconds(100 + step));
            for (VitalWalk.Reading r : last) {
                assertPlausible(r);
                spo2Below90 |= r.type().equals("SPO2") && r.value() < 90;
                heartRateAbove150 |= r.type().equals("HEART_RATE") && r.value() > 150;
            }
        }
        assertTrue(spo2Below90, "SpO2 fell below 90");
        assertTrue(heartRateAbove150, "heart rate rose above 150");
        assertEquals(List.of("HEART_RATE", "SPO2", "TEMPERATURE", "BLOOD_PRESSURE"),
                last.stream().map(VitalWalk.Reading::type).toList());
    }

    @Test
    void aReadingIsTheJsonTheServiceReads() {
        VitalWalk.Reading pressure = new VitalWalk.Reading("BLOOD_PRESSURE", 121, 80.0,
                Instant.parse("2026-12-01T08:00:00.250Z"));
        assertEquals("{\"type\":\"BLOOD_PRESSURE\",\"value\":121,\"secondaryValue\":80,"
                + "\"measuredAt\":\"2026-12-01T08:00:00.250Z\"}", pressure.json());
        assertEquals("{\"type\":\"TEMPERATURE\",\"value\":36.8,\"measuredAt\":\"2026-12-01T08:00:00Z\"}",
                new VitalWalk.Reading("TEMPERATURE", 36.8, null, Instant.parse("2026-12-01T08:00:00Z")).json());
    }

    @Test
    void twoTicksInOneMillisecondGiveReadingsOneMillisecondApart() {
        VitalWalk walk = new VitalWalk(new Random(7));
        Instant tick = Instant.parse("2026-12-01T08:00:00.250Z");
        List<VitalWalk.Reading> first = walk.next(tick);
        List<VitalWalk.Reading> second = walk.next(tick);
        List<VitalWalk.Reading> late = walk.next(tick.minusMillis(5));
        List<VitalWalk.Reading> onTime = walk.next(tick.plusSeconds(1));
        assertEquals(List.of(tick), first.stream().map(VitalWalk.Reading::measuredAt).distinct().toList());
        assertEquals(List.of(tick.plusMillis(1)), second.stream().map(VitalWalk.Reading::measuredAt).distinct().toList());
        assertEquals(List.of(tick.plusMillis(2)), late.stream().map(VitalWalk.Reading::measuredAt).distinct().toList());
        assertEquals(List.of(tick.plusSeconds(1)), onTime.stream().map(VitalWalk.Reading::measuredAt).distinct().toList());
    }
}
