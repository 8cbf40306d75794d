package org.mdms.records.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo accounts and data at start-up: profile local only (./mdms run), never prod. */
@ConfigMapping(prefix = "mdms.demo")
public interface DemoSettings {

    @WithDefault("false")
    boolean enabled();

    /** false (MDMS_DEMO_RECORDS=false) = only the accounts, the drug catalogue and the demo patient's record. */
    @WithDefault("true")
    boolean records();

    /** Password of every demo account. */
    @WithDefault("mdms-demo")
    String password();

    /** Seed of the demo data set, so every fresh start shows the same hospital. */
    @WithDefault("20261121")
    long seed();

    @WithDefault("200")
    int patients();

    @WithDefault("3")
    int visitsPerPatient();

    /** Visits are spread over this many days before start-up. */
    @WithDefault("365")
    int historyDays();
}
