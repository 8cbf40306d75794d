package org.mdms.analytics.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event of patient-service's change feed: the FULL current state of one entity. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChangeEvent(long seq, String entityType, long entityId, String operation, Instant occurredAt,
                          JsonNode payload) {
}
