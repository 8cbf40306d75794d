package org.mdms.imaging.storage;

import io.minio.BucketExistsArgs;
import io.minio.MinioAsyncClient;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.mdms.imaging.support.OffLoop;

import java.time.Duration;

/** Ready only when the bucket answers: without it no upload or download can work. */
@Readiness
@ApplicationScoped
public class StorageHealth implements AsyncHealthCheck {

    private final MinioAsyncClient minio;
    private final ObjectStore store;
    private final OffLoop offLoop;

    StorageHealth(MinioAsyncClient minio, ObjectStore store, OffLoop offLoop) {
        this.minio = minio;
        this.store = store;
        this.offLoop = offLoop;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return offLoop.async(() -> minio.bucketExists(BucketExistsArgs.builder().bucket(store.bucket()).build()))
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(exists -> HealthCheckResponse.named("object-storage").status(exists)
                        .withData("bucket", store.bucket()).build())
                .onFailure().recoverWithItem(t -> HealthCheckResponse.named("object-storage").down()
                        .withData("error", String.valueOf(OffLoop.unwrap(t).getMessage())).build());
    }
}
