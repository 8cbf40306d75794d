package org.mdms.analytics.common;

import java.util.Set;

/** Where an answer comes from: the rollups (default) or a scan of the raw facts (the benchmark's baseline). */
public enum Source {
    ROLLUP, FACTS;

    public static Source of(String value) {
        Params.Checks checks = Params.checks();
        Source source = of(checks, value);
        checks.refuseIfAny();
        return source;
    }

    /** The source among a request's other parameters, its fault collected with theirs. */
    public static Source of(Params.Checks checks, String value) {
        return "facts".equals(checks.oneOf("source", value, "rollup", Set.of("rollup", "facts"))) ? FACTS : ROLLUP;
    }
}
