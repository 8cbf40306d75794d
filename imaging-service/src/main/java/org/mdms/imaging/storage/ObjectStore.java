package org.mdms.imaging.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetBucketLifecycleArgs;
import io.minio.messages.Expiration;
import io.minio.messages.LifecycleConfiguration;
import io.minio.messages.LifecycleRule;
import io.minio.messages.RuleFilter;
import io.minio.messages.Status;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.netty.buffer.Unpooled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.common.DomainException;
import org.mdms.imaging.support.OffLoop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The S3 bucket, through MinIO's asynchronous client (S3Proxy locally, MinIO in deployment; only the S3 API is used).
 * Writes go to a presigned URL ({@link PutSigner}), through Vert.x's HTTP client: MinIO's own PUT over plain HTTP hashes
 * each body for its signature and the store hashes it again to check it (our SHA-256 of the body is kept in the row
 * and checked by the scrub). Every call answers on the caller's Vert.x context; storage outages become 503 problems.
 */
@ApplicationScoped
public class ObjectStore {

    private final MinioAsyncClient minio;
    private final OffLoop offLoop;
    private final ImagingConfig config;
    private final Vertx vertx;
    private final HttpClient http;
    private final PutSigner signer;

    /** A PUT URL is used at once; its signature only needs to outlive a slow 500 MB upload. */
    private static final int PUT_URL_EXPIRY = 3600;

    ObjectStore(MinioAsyncClient minio, OffLoop offLoop, ImagingConfig config, Vertx vertx, PutSigner signer) {
        this.minio = minio;
        this.signer = signer;
        this.offLoop = offLoop;
        this.config = config;
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.storage().connectTimeout().toMillis())
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.storage().connections()));
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

    /** Streams a file into the bucket (the 500 MB multi-frame instance: read in chunks, the heap holds none of it). */
    public Uni<Void> putFile(String key, Path file, String contentType) {
        return offLoop.onCaller(() -> presignPut(key).chain(url -> vertx.fileSystem()
                        .open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                        .chain(in -> vertx.fileSystem().props(file.toString())
                                .chain(props -> send(url, contentType, props.size(), req -> req.send(in)))
                                .eventually(in::close))))
                .onFailure().transform(t -> storageProblem("store " + key, t));
    }

    public Uni<Void> putBytes(String key, byte[] bytes, String contentType) {
        return putBytes(key, bytes, bytes.length, contentType);
    }

    /** The first {@code length} bytes of {@code bytes}, sent from that array (no copy); nobody may write to it meanwhile. */
    public Uni<Void> putBytes(String key, byte[] bytes, int length, String contentType) {
        Buffer body = Buffer.newInstance(io.vertx.core.buffer.Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length)));
        return offLoop.onCaller(() -> presignPut(key)
                        .chain(url -> send(url, contentType, length, req -> req.send(body))))
                .onFailure().transform(t -> storageProblem("store " + key, t));
    }

    /**
     * A PUT URL signed in its query string (SigV4 with UNSIGNED-PAYLOAD: an HMAC, no hash of the body, neither here
     * nor in the store), computed locally by {@link PutSigner}.
     */
    private Uni<String> presignPut(String key) {
        return Uni.createFrom().item(() -> signer.put(bucket(), key, PUT_URL_EXPIRY));
    }

    /** The body goes out through Vert.x's pooled, non-blocking HTTP client; anything but 2xx fails the write. */
    private Uni<Void> send(String url, String contentType, long length,
                           java.util.function.Function<HttpClientRequest, Uni<? extends HttpClientResponse>> body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(url)
                .setIdleTimeout(config.storage().idleTimeout().toMillis())
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        return http.request(options)
                .chain(body)
                .chain(response -> response.statusCode() / 100 == 2 ? response.end()
                        : response.body().map(answer -> {
                            throw new IllegalStateException("the store answered " + response.statusCode() + ": "
                                    + abbreviate(answer.toString()));
                        }));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
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
