package org.mdms.imaging.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** imaging-service settings (prefix {@code mdms}); each one can be set by environment variable, e.g. MDMS_IMAGES_MAX_SIZE. */
@ConfigMapping(prefix = "mdms")
public interface ImagingConfig {

    Images images();

    Imaging imaging();

    Patient patient();

    Demo demo();

    Dicom dicom();

    Storage storage();

    S3 s3();

    /** Where the bucket is and who signs for it (quarkus-minio reads the same values). */
    interface S3 {
        String endpoint();

        String accessKey();

        String secretKey();

        /** https when true, whatever the endpoint's scheme says (as quarkus-minio does). */
        @WithDefault("false")
        boolean secure();

        @WithDefault("us-east-1")
        String region();
    }

    /** Writes into the bucket (Vert.x's HTTP client to a presigned PUT URL; reads and lists go through MinIO's). */
    interface Storage {
        /** Connections kept open to the store for writes. */
        @WithDefault("16")
        int connections();

        @WithDefault("PT3S")
        Duration connectTimeout();

        /** A write fails when the store sends or accepts nothing for this long. */
        @WithDefault("PT30S")
        Duration idleTimeout();
    }

    interface Dicom {
        /**
         * A DICOM upload up to this size is received in memory and sent to the store from there; a larger one (a
         * long multi-frame series) goes to a temporary file, so the heap never holds more than this per upload.
         */
        @WithDefault("16M")
        MemorySize memoryLimit();
    }

    interface Images {
        /** S3 bucket holding originals, thumbnails and previews. */
        @WithDefault("medical-images")
        String bucket();

        /** Largest accepted original; larger uploads get 413. */
        @WithDefault("50M")
        MemorySize maxSize();

        /** Lifetime of presigned download URLs. */
        @WithDefault("PT5M")
        Duration presignExpiry();

        /** How long a soft-deleted image can be restored before the purge job removes its objects. */
        @WithDefault("P30D")
        Duration retention();

        /** temp/ objects older than this are removed by the sweeper. */
        @WithDefault("PT24H")
        Duration tempTtl();

        /** Objects without a row are strays only once older than this (an upload may still be writing its row). */
        @WithDefault("PT1H")
        Duration strayGrace();

        /** The reconciler deletes at most this many stray objects per run; above it, it only reports. */
        @WithDefault("200")
        int reconcileMaxDeletes();

        @WithDefault("256")
        int thumbnailSize();

        @WithDefault("1024")
        int previewSize();

        /** Refuse images with more pixels than this (decompression bombs). */
        @WithDefault("150000000")
        long maxPixels();
    }

    interface Imaging {
        Thumbnails thumbnails();
    }

    /** When the 256 px thumbnail and 1024 px preview are made. */
    enum ThumbnailMode {
        /**
         * During the upload: the full decode proves the bytes are a readable image before anything is stored, and
         * the derived JPEGs exist when the upload answers. Slow (the decode dominates an upload).
         */
        SYNC,
        /**
         * After the upload: the upload only reads the image header (format, dimensions), stores the original and
         * answers 201 with thumbnailStatus PENDING; a background worker renders the derived JPEGs later and marks
         * the image READY, or FAILED when the full decode fails (truncated or garbled pixel data).
         */
        ASYNC
    }

    interface Thumbnails {
        /** sync (default) or async (MDMS_IMAGING_THUMBNAILS_MODE). */
        @WithDefault("sync")
        ThumbnailMode mode();

        /**
         * Threads rendering thumbnails after the upload, each for photos and for DICOM instances (2: on two cores the
         * renders keep pace with a burst of uploads instead of falling behind it).
         */
        @WithDefault("2")
        int workers();

        /** Pending renders held in memory; beyond it the rows stay PENDING and the periodic scan picks them up. */
        @WithDefault("500")
        int queueSize();

        /**
         * Upload bodies up to this size are handed from the upload to its render in memory, so the render does not
         * read the original back from the bucket; larger ones are read back.
         */
        @WithDefault("8M")
        MemorySize handOffMax();

        /**
         * All bodies waiting in memory for their render together; past it a render reads its original back from the
         * bucket (the heap this costs at most).
         */
        @WithDefault("32M")
        MemorySize handOffMemory();

        /**
         * How long a render (photo or DICOM) waits after its upload before starting (0 = at once; tests use it to
         * see PENDING).
         */
        @WithDefault("PT0S")
        Duration delay();
    }

    interface Patient {
        /** Base URL of patient-service. */
        String url();

        /**
         * How long patient-service's revocation list is used before it is read again: a disabled account's (or a
         * signed-out session's) token is refused here at most this long after patient-service refuses it.
         */
        @WithDefault("PT5S")
        Duration revocationRefresh();

        /**
         * How long an upload's patient check (patient exists, MRN lookup, care relationship) is reused for the same
         * token and patient; PT0S asks patient-service on every upload.
         */
        @WithDefault("PT5S")
        Duration checkCache();
    }

    interface Demo {
        /** Seed demo images at start-up (profile local only). */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("mdms-demo")
        String password();

        @WithDefault("admin")
        String adminUser();
    }
}
