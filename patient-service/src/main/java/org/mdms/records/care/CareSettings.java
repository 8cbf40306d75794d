package org.mdms.records.care;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "mdms.care")
public interface CareSettings {

    /** How long a break-the-glass grant lasts (MDMS_CARE_EMERGENCY_ACCESS_DURATION). */
    @WithDefault("PT4H")
    Duration emergencyAccessDuration();

    /**
     * How long a confirmed care relationship is trusted for opening the patient's record again without asking the
     * database (MDMS_CARE_CONFIRMED_FOR; PT0S turns it off). A relationship that ends (visit closed, grant expired)
     * stops opening the record at most this long later, as a revoked token does; a refusal is never remembered.
     */
    @WithDefault("PT2S")
    Duration confirmedFor();
}
