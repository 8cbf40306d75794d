package org.mdms.imaging.support;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Direct access to the real S3Proxy bucket, behind the service's back (checks and corruption). */
public final class Bucket {

    public static final String NAME = "medical-images";
    private static MinioClient client;

    private Bucket() {
    }

    public static synchronized MinioClient client() {
        if (client == null) {
            Map<String, String> s3 = ImagingPeersResource.direct();
            client = MinioClient.builder().endpoint(s3.get("mdms.s3.endpoint"))
                    .credentials(s3.get("mdms.s3.access-key"), s3.get("mdms.s3.secret-key"))
                    .region("us-east-1").build();
        }
        return client;
    }

    public static boolean exists(String key) {
        try {
            client().statObject(StatObjectArgs.builder().bucket(NAME).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || e.response().code() == 404) {
                return false;
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Content-Type the store keeps for an object (the one its writer sent). */
    public static String contentType(String key) {
        try {
            return client().statObject(StatObjectArgs.builder().bucket(NAME).object(key).build()).contentType();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void put(String key, byte[] bytes) {
        try {
            client().putObject(PutObjectArgs.builder().bucket(NAME).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> keys(String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client().listObjects(ListObjectsArgs.builder().bucket(NAME).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> all() {
        return keys("");
    }
}
