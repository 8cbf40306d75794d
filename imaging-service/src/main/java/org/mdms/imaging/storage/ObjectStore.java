package org.mdms.imaging.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetBucketLifecycleArgs;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.common.DomainException;
import org.mdms.imaging.support.OffLoop;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The S3 bucket, through MinIO's asynchronous client (S3Proxy locally, MinIO in deployment; only the S3 API is used).
 * Every call answers on the caller's Vert.x context; storage outages become 503 problems.
 */
@ApplicationScoped
public class ObjectStore {

    private final MinioAsyncClient minio;
    private final OffLoop offLoop;
    private final ImagingConfig config;

    ObjectStore(MinioAsyncClient minio, OffLoop offLoop, ImagingConfig config) {
        this.minio = minio;
        this.offLoop = offLoop;
        this.config = config;
    }

    public String bucket() {
        return config.images().bucket();
    }

    public Uni<Void> ensureBucket() {
        return offLoop.async(() -> minio.bucketExists(BucketExistsArgs.builder().bucket(bucket()).build()))
                .chain(exists -> exists ? Uni.createFrom().voidItem()
                        : offLoop.async(() -> minio.makeBucket(MakeBucketArgs.builder().bucket(bucket()).build())));
    }

    /**
     * Asks the store to expire temp/ objects by itself (MinIO, S3). S3Proxy has no lifecycle support; there, and
     * everywhere as a second line, the sweeper job does it. Answers whether the rule was accepted.
     */
    public Uni<Boolean> expireTempObjects(Duration ttl) {
        int days = (int) Math.max(1, (ttl.toHours() + 23) / 24);
        LifecycleRule rule = new LifecycleRule(Status.ENABLED, null,
                new Expiration((java.time.ZonedDateTime) null, days, null), new RuleFilter("temp/"),
                "mdms-expire-temp", null, null, null);
        return offLoop.async(() -> minio.setBucketLifecycle(SetBucketLifecycleArgs.builder().bucket(bucket())
                        .config(new LifecycleConfiguration(List.of(rule))).build()))
                .replaceWith(true)
                .onFailure().recoverWithItem(false);
    }

    /**
     * Streams a file into the bucket. The client reads it twice (once for the request signature's SHA-256 over plain
     * HTTP, once to send it) straight from the file, without copying it into growing buffers as a stream would be.
     */
    public Uni<Void> putFile(String key, Path file, String contentType) {
        return offLoop.async(() -> minio.uploadObject(UploadObjectArgs.builder().bucket(bucket()).object(key)
                        .filename(file.toString()).contentType(contentType).build()))
                .replaceWithVoid()
                .onFailure().transform(t -> storageProblem("store " + key, t));
    }

    /** Streams {@code size} bytes into the bucket (a body kept in memory: no copy, no temp file). */
    public Uni<Void> putStream(String key, java.io.InputStream in, long size, String contentType) {
        return offLoop.async(() -> minio.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                        .stream(in, size, -1).contentType(contentType).build()))
                .replaceWithVoid()
                .onFailure().transform(t -> storageProblem("store " + key, t));
    }

    public Uni<Void> putBytes(String key, byte[] bytes, String contentType) {
        return offLoop.async(() -> minio.putObject(PutObjectArgs.builder().bucket(bucket()).object(key)
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType(contentType).build()))
                .replaceWithVoid()
                .onFailure().transform(t -> storageProblem("store " + key, t));
    }

    /** Opens an object (or a byte range of it) for streaming; the caller closes the stream. Empty when absent. */
    public Uni<Optional<GetObjectResponse>> open(String key, Long offset, Long length) {
        return offLoop.async(() -> {
                    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket()).object(key);
                    if (offset != null) {
                        args.offset(offset);
                    }
                    if (length != null) {
                        args.length(length);
                    }
                    return minio.getObject(args.build());
                })
                .map(Optional::of)
                .onFailure(ObjectStore::isMissing).recoverWithItem(Optional.empty())
                .onFailure(t -> !(t instanceof DomainException)).transform(t -> storageProblem("read " + key, t));
    }

    public Uni<Optional<StatObjectResponse>> stat(String key) {
        return offLoop.async(() -> minio.statObject(StatObjectArgs.builder().bucket(bucket()).object(key).build()))
                .map(Optional::of)
                .onFailure(ObjectStore::isMissing).recoverWithItem(Optional.empty())
                .onFailure(t -> !(t instanceof DomainException)).transform(t -> storageProblem("stat " + key, t));
    }

    public Uni<Void> delete(String key) {
        return offLoop.async(() -> minio.removeObject(RemoveObjectArgs.builder().bucket(bucket()).object(key).build()))
                .replaceWithVoid()
                .onFailure(ObjectStore::isMissing).recoverWithNull()
                .onFailure(t -> !(t instanceof DomainException)).transform(t -> storageProblem("delete " + key, t));
    }

    /** All objects under a prefix (the listing pages through the bucket on a worker thread). */
    public Uni<List<StoredObject>> list(String prefix) {
        return offLoop.run(() -> {
                    List<StoredObject> objects = new ArrayList<>();
                    for (Result<Item> result : minio.listObjects(ListObjectsArgs.builder().bucket(bucket())
                            .prefix(prefix).recursive(true).build())) {
                        Item item = result.get();
                        if (!item.isDir()) {
                            objects.add(new StoredObject(item.objectName(), item.size(), item.lastModified()));
                        }
                    }
                    return objects;
                })
                .onFailure().transform(t -> storageProblem("list " + prefix, t));
    }

    /** A GET URL signed for {@code expiry}; computed locally (the region is configured, so no round trip). */
    public Uni<String> presign(String key, Duration expiry) {
        return offLoop.run(() -> minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                        .method(Method.GET).bucket(bucket()).object(key)
                        .expiry((int) expiry.toSeconds(), TimeUnit.SECONDS).build()))
                .onFailure().transform(t -> storageProblem("presign " + key, t));
    }

    static boolean isMissing(Throwable t) {
        Throwable c = OffLoop.unwrap(t);
        return c instanceof ErrorResponseException e
                && ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())
                || e.response() != null && e.response().code() == 404 && !"NoSuchBucket".equals(e.errorResponse().code()));
    }

    static Throwable storageProblem(String what, Throwable t) {
        Throwable c = OffLoop.unwrap(t);
        if (c instanceof DomainException) {
            return c;
        }
        return DomainException.unavailable("object storage is unavailable (" + what + "); try again later", c);
    }
}
