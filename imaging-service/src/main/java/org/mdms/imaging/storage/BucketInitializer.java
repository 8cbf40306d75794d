package org.mdms.imaging.storage;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Creates the bucket at start-up when it is missing. If the store is not reachable yet the service still starts
 * (readiness reports it) and the bucket is created by the first successful retry.
 */
@Singleton
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    private final ObjectStore store;
    private final Vertx vertx;
    private final org.mdms.imaging.config.ImagingConfig config;

    BucketInitializer(ObjectStore store, Vertx vertx, org.mdms.imaging.config.ImagingConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            store.ensureBucket().await().atMost(Duration.ofSeconds(15));
            LOG.infof("bucket %s ready", store.bucket());
            boolean rule = store.expireTempObjects(config.images().tempTtl()).await().atMost(Duration.ofSeconds(15));
            LOG.infof(rule ? "temp/ objects expire by a bucket lifecycle rule (and the sweeper)"
                    : "the store has no lifecycle rules (S3Proxy): temp/ objects are removed by the sweeper job");
        } catch (RuntimeException e) {
            LOG.warnf("object storage not reachable at start-up (%s); retrying in the background", e.toString());
            retryInBackground();
        }
    }

    private void retryInBackground() {
        vertx.getOrCreateContext().runOnContext(() -> store.ensureBucket()
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
                .subscribe().with(
                        ok -> LOG.infof("bucket %s ready", store.bucket()),
                        failure -> LOG.errorf("bucket %s could not be created: %s", store.bucket(), failure)));
    }
}
