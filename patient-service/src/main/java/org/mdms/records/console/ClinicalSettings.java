package org.mdms.records.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** The console's clinical pages: the hospital's time zone decides what "today" is and how times are typed. */
@ConfigMapping(prefix = "mdms.console.clinical")
public interface ClinicalSettings {

    /** MDMS_CONSOLE_CLINICAL_ZONE; times are stored in UTC and shown and typed in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
