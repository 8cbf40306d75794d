package org.mdms.records.care;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "mdms.care")
public interface CareSettings {

    /** How long a break-the-glass grant lasts (MDMS_CARE_EMERGENCY_ACCESS_DURATION). */
    @WithDefault("PT4H")
    Duration emergencyAccessDuration();
}
