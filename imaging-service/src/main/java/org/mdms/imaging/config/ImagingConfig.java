package org.mdms.imaging.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** imaging-service settings (prefix {@code mdms}); each one can be set by environment variable, e.g. MDMS_IMAGES_MAX_SIZE. */
@ConfigMapping(prefix = "mdms")
public interface ImagingConfig {

    Images images();

    Patient patient();

    Demo demo();

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

    interface Patient {
        /** Base URL of patient-service. */
        String url();
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
