package org.mdms.local;

import org.gaul.s3proxy.BlobStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The syncing store in front of S3Proxy's filesystem store: objects land where S3Proxy keeps them, deletes work. */
class DurableBlobStoreTest {

    private final Path root = Path.of("target/durable-blob-store").toAbsolutePath();
    private DurableBlobStore store;

    @BeforeEach
    void emptyStore() throws Exception {
        Infrastructure.deleteTree(root);
        Files.createDirectories(root);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", root.toString());
        store = new DurableBlobStore(BlobStores.create("filesystem", properties), root);
        store.createContainer(CreateBucketRequest.builder().bucket("medical-images").build());
    }

    @Test
    void storesAnObjectUnderNewFoldersAndReplacesIt() {
        put("originals/7/2026/11/42.png", "first");
        put("originals/7/2026/11/42.png", "second");
        Path file = root.resolve("medical-images/originals/7/2026/11/42.png");
        assertTrue(Files.isRegularFile(file), "object file at " + file);
        assertEquals(file, store.objectPath("medical-images", "originals/7/2026/11/42.png"),
                "the file synced is the file S3Proxy wrote");
        assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), read(file));
    }

    @Test
    void deletesTheLastObjectOfAFolder() {
        put("thumbnails/7/2026/11/42.jpg", "thumb");
        store.removeBlob(DeleteObjectRequest.builder().bucket("medical-images").key("thumbnails/7/2026/11/42.jpg")
                .build());
        assertFalse(Files.exists(root.resolve("medical-images/thumbnails/7/2026/11/42.jpg")), "deleted");
        assertTrue(Files.isDirectory(root.resolve("medical-images")), "the bucket stays");
    }

    private void put(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        store.putBlob(PutObjectRequest.builder().bucket("medical-images").key(key).contentLength((long) bytes.length)
                .contentType("image/png").build(), new ByteArrayInputStream(bytes));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
