package org.mdms.records.seed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What one generator run produces. Counts are exact: every patient gets {@code visitsPerPatient} visits, every visit
 * {@code prescriptionsPerVisit} prescriptions, and so on. The same plan (sizes, seed, locale, anchor) always yields
 * the same data; {@code anchor} is "now" for the run, so nothing generated lies after it.
 */
public record SeedPlan(int patients, int visitsPerPatient, int prescriptionsPerVisit, int itemsPerPrescription,
                       int examinationsPerVisit, int vitalSignsPerVisit, long seed, SeedLocale locale,
                       int historyDays, Instant anchor) {

    public enum SeedLocale {
        ZH_CN("zh_CN"), EN("en");

        private final String code;

        SeedLocale(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static SeedLocale parse(String value) {
            if (value == null || value.isBlank() || value.equalsIgnoreCase("zh_CN") || value.equalsIgnoreCase("zh-CN")
                    || value.equalsIgnoreCase("zh")) {
                return ZH_CN;
            }
            if (value.equalsIgnoreCase("en") || value.toLowerCase().startsWith("en_")) {
                return EN;
            }
            throw new IllegalArgumentException("locale must be zh_CN or en");
        }
    }

    public static Instant defaultAnchor() {
        // one second back so that even a row stamped with the anchor is never "in the future" for a validator
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
    }

    public long visits() {
        return (long) patients * visitsPerPatient;
    }

    public long prescriptions() {
        return visits() * prescriptionsPerVisit;
    }

    public long items() {
        return prescriptions() * itemsPerPrescription;
    }

    public long examinations() {
        return visits() * examinationsPerVisit;
    }

    public long vitalSigns() {
        return visits() * vitalSignsPerVisit;
    }

    /** Rows written per patient, with its change events; used to size batches. */
    long rowsPerPatient() {
        long visits = visitsPerPatient;
        long prescriptions = visits * prescriptionsPerVisit;
        long events = 1 + visits + prescriptions + visits * (examinationsPerVisit + vitalSignsPerVisit);
        return 1 + visits + prescriptions + prescriptions * itemsPerPrescription
                + visits * (examinationsPerVisit + vitalSignsPerVisit) + events;
    }
}
