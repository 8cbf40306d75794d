package org.mdms.records.alert;

import io.quarkus.qute.TemplateEnum;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AlertSeverity")
@TemplateEnum // the console names the values in its pages ({Severity:HIGH})
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** One step up on escalation; CRITICAL stays CRITICAL (the escalated flag still tells). */
    public Severity raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
