package org.mdms.analytics.common;

import java.util.Set;

/** Where an answer comes from: the rollups (default) or a scan of the raw facts (the benchmark's baseline). */
public enum Source {
    ROLLUP, FACTS;

    public static Source of(String value) {
        return "facts".equals(Params.oneOf("source", value, "rollup", Set.of("rollup", "facts"))) ? FACTS : ROLLUP;
    }
}
