package org.mdms.records.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** mdms.alerts.* (env MDMS_ALERTS_...). */
@ConfigMapping(prefix = "mdms.alerts")
public interface AlertSettings {

    /** How often escalation and silent devices are checked (a Quarkus scheduler period, e.g. 10s). */
    @WithDefault("10s")
    String checkEvery();

    /** How long a subscriber's care answer for one patient is trusted by the SSE streams before it is asked again. */
    @WithDefault("PT5S")
    java.time.Duration streamCareFor();
}
