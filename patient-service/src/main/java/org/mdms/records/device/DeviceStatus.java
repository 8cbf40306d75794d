package org.mdms.records.device;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Only an ACTIVE device may be assigned and may send readings. */
@Schema(name = "DeviceStatus")
public enum DeviceStatus { ACTIVE, INACTIVE, MAINTENANCE, RETIRED }
