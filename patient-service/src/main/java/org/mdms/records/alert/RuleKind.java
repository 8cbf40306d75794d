package org.mdms.records.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** VITAL_SIGN: a threshold on one vital type's readings; DEVICE_SILENT: an assigned device sends nothing. */
@Schema(name = "AlertRuleKind")
public enum RuleKind {
    VITAL_SIGN, DEVICE_SILENT
}
