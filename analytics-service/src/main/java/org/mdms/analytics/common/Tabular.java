package org.mdms.analytics.common;

import java.util.List;

/** An answer that can also be served as CSV (Accept: text/csv): a header and rows of plain values. */
public interface Tabular {

    List<String> csvHeader();

    List<List<Object>> csvRows();
}
