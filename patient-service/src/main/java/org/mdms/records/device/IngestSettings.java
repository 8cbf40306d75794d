package org.mdms.records.device;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * mdms.devices.ingest.*: the limits of POST /api/v1/devices/{id}/measurements and of the device stream
 * (env MDMS_DEVICES_INGEST_...).
 */
@ConfigMapping(prefix = "mdms.devices.ingest")
public interface IngestSettings {

    /** Readings per batch; more is a 400 naming the batch. */
    @WithDefault("5000")
    int maxReadings();

    /** Bytes per batch body; more is a 413. */
    @WithDefault("2097152")
    long maxBodyBytes();

    /** How old a reading may be when it arrives (late and out-of-order readings inside it are accepted). */
    @WithDefault("PT24H")
    Duration lateWindow();

    /** Batches processed at once; one more is answered 429 with Retry-After. */
    @WithDefault("16")
    int maxInFlight();

    @WithDefault("PT1S")
    Duration retryAfter();

    /** Frames a stream (DeviceStream) may send ahead of their acknowledgements; one more closes it with 1013. */
    @WithDefault("8")
    int streamFramesAhead();

    /** Readings of device streams waiting to be written together (StreamWrites); a frame beyond it: 1013. */
    @WithDefault("20000")
    int streamMaxQueued();

    /**
     * Readings per VITAL_SIGN_BATCH change event (a write's stored readings, in order, cut into events of at most
     * this many); at 500 a payload stays near 100 KB.
     */
    @WithDefault("500")
    int readingsPerEvent();
}
