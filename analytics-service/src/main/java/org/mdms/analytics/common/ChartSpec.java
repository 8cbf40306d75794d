package org.mdms.analytics.common;

import java.util.LinkedHashMap;
import java.util.List;

/** What a chart shows: categories on the x axis, one or more named series of numbers; bars or lines. */
public record ChartSpec(String title, String xTitle, String yTitle, List<String> categories,
                        LinkedHashMap<String, List<Number>> series, boolean lines) {
}
