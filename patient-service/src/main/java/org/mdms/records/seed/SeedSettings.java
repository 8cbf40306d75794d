package org.mdms.records.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bulk fake data (POST /api/v1/admin/seed, ./mdms seed). */
@ConfigMapping(prefix = "mdms.seed")
public interface SeedSettings {

    /** The endpoint exists only when true (profiles local and test); 404 otherwise. */
    @WithDefault("false")
    boolean enabled();

    /** Every generated staff account signs in with this password (one bcrypt hash shared by all of them). */
    @WithDefault("mdms-demo")
    String staffPassword();

    /** Rows (with their change events) per batch transaction. */
    @WithDefault("6000")
    int batchRows();

    /** Batches generated and written at the same time. */
    @WithDefault("3")
    int concurrency();

    /** The most patients one request may ask for. */
    @WithDefault("2000000")
    int maxPatients();
}
