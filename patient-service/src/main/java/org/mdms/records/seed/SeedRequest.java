package org.mdms.records.seed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What POST /api/v1/admin/seed generates; every field is optional (defaults in the descriptions). */
@Schema(name = "SeedRequest", description = "Sizes are exact: every patient gets visitsPerPatient visits, every "
        + "visit prescriptionsPerVisit prescriptions, every prescription itemsPerPrescription items.")
public record SeedRequest(
        @Min(1) @Schema(description = "patients to create (default 1000; at most mdms.seed.max-patients)",
                example = "1000") Integer patients,
        @Min(0) @Max(50) @Schema(description = "default 4", example = "4") Integer visitsPerPatient,
        @Min(0) @Max(10) @Schema(description = "default 1", example = "1") Integer prescriptionsPerVisit,
        @Min(1) @Max(20) @Schema(description = "default 3", example = "3") Integer itemsPerPrescription,
        @Min(0) @Max(20) @Schema(description = "default 1", example = "1") Integer examinationsPerVisit,
        @Min(0) @Max(40) @Schema(description = "default 2", example = "2") Integer vitalSignsPerVisit,
        @Schema(description = "same seed, same sizes and same starting ids give the same data (default 1)",
                example = "42") Long seed,
        @Pattern(regexp = "zh_CN|zh-CN|zh|en", message = "must be zh_CN or en")
        @Schema(description = "zh_CN (default: Chinese names, addresses, phone numbers) or en", example = "zh_CN")
        String locale,
        @Min(1) @Max(3650) @Schema(description = "visits are spread over this many days before now (default 1095)",
                example = "1095") Integer historyDays) {

    SeedPlan toPlan() {
        return new SeedPlan(or(patients, 1000), or(visitsPerPatient, 4), or(prescriptionsPerVisit, 1),
                or(itemsPerPrescription, 3), or(examinationsPerVisit, 1), or(vitalSignsPerVisit, 2),
                seed == null ? 1L : seed, SeedPlan.SeedLocale.parse(locale), or(historyDays, 1095),
                SeedPlan.defaultAnchor());
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
