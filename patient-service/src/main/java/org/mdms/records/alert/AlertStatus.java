package org.mdms.records.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OPEN → ACKNOWLEDGED → RESOLVED; OPEN may be resolved directly. */
@Schema(name = "AlertStatus")
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
