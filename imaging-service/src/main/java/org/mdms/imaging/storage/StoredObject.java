package org.mdms.imaging.storage;

import java.time.ZonedDateTime;

/** An object as listed from the bucket. */
public record StoredObject(String key, long size, ZonedDateTime lastModified) {
}
