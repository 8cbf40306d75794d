package org.mdms.analytics.common;

/** An answer that can be drawn (GET .../chart). */
public interface Chartable {

    ChartSpec chartSpec();
}
