package org.mdms.imaging.image;

/** Whether an image's 256 px thumbnail and 1024 px preview exist (see V2__thumbnail_status.sql). */
public enum ThumbnailStatus {
    PENDING, READY, FAILED
}
