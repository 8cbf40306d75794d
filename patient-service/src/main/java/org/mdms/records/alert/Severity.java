package org.mdms.records.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AlertSeverity")
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** One step up on escalation; CRITICAL stays CRITICAL (the escalated flag still tells). */
    public Severity raised() {
        return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
    }
}
