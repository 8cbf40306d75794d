package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** A page of the change feed: GET /api/v1/changes?after=&limit= */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangePage(List<ChangeEvent> events, long nextCursor, boolean hasMore) {
}
