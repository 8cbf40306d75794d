package org.mdms.imaging.storage;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our presigned PUT URL is the one MinIO's client signs for the same second, byte for byte (the store checks the
 * signature: the upload tests send through these URLs to S3Proxy).
 */
class PutSignerTest {

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:9000, false, dicom/12/1.2.840.1/1.2.840.1.2/1.2.840.1.2.3.dcm",
            "http://store.example:80, false, originals/7/3f0c-a1 b+c~d_e.jpg",
            "https://store.example, true, dicom-thumbnails/42-256.jpg",
            "https://minio:9443, true, previews/x/ü€.jpg",
    })
    void signsAsMinioDoes(String endpoint, boolean secure, String key) throws Exception {
        MinioClient minio = MinioClient.builder().endpoint(endpoint).credentials("mdms", "mdms-dev-secret")
                .region("eu-central-1").build();
        PutSigner signer = new PutSigner(endpoint, secure, "mdms", "mdms-dev-secret", "eu-central-1");
        for (int attempt = 0; ; attempt++) {
            ZonedDateTime before = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            String theirs = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT)
                    .bucket("medical-images").object(key).expiry(3600, TimeUnit.SECONDS).build());
            ZonedDateTime after = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
            // the same second on both sides of MinIO's call: it signed with that time too
            if (before.equals(after) || attempt == 5) {
                assertEquals(theirs, signer.put("medical-images", key, 3600, before));
                return;
            }
        }
    }
}
