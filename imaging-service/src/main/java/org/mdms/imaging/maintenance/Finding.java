package org.mdms.imaging.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One thing a maintenance job found or did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(Long imageId, String key, String problem, String expectedSha256, String actualSha256,
                      String action) {
}
