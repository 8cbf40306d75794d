package org.mdms.local;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3-protocol server (S3Proxy) keeping objects as files under one folder, with AWS v4 signatures checked,
 * so the MinIO client talks to it exactly as to MinIO. No lifecycle, versioning, tagging or bucket policies.
 * Durable by default: a write is answered once its file and folders are synced (see {@link DurableBlobStore}).
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Settings.Durability durability;
    private S3Proxy proxy;

    public EmbeddedS3(Path dataDir, int port, String accessKey, String secretKey, Settings.Durability durability) {
        this.dataDir = dataDir;
        this.durability = durability;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public EmbeddedS3 start() throws Exception {
        Files.createDirectories(dataDir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dataDir.toAbsolutePath().toString());
        BlobStore filesystem = BlobStores.create("filesystem", properties);
        // relaxed (tests, benchmarks): objects may sit in the page cache when the PUT is answered
        BlobStore blobStore = durability == Settings.Durability.DURABLE
                ? new DurableBlobStore(filesystem, dataDir) : filesystem;
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        return this;
    }

    public int port() {
        return proxy.getPort();
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
            proxy = null;
        }
    }
}
