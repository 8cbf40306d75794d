package org.mdms.records.alert;

import io.quarkus.qute.TemplateEnum;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OPEN → ACKNOWLEDGED → RESOLVED; OPEN may be resolved directly. */
@Schema(name = "AlertStatus")
@TemplateEnum
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
