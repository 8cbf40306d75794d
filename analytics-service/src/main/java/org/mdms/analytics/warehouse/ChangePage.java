package org.mdms.analytics.warehouse;

import java.util.List;

/** A page of the change feed: GET /api/v1/changes?after=&limit= */
public record ChangePage(List<ChangeEvent> events, long nextCursor, boolean hasMore) {
}
