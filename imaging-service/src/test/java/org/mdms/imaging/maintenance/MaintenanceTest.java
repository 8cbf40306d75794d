package org.mdms.imaging.maintenance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Integrity check and scrub, purge after retention, temp/ sweeper and reconciler, against the real S3Proxy and
 * MariaDB; objects are corrupted or planted behind the service's back with a MinIO client. Real patient-service
 * (see {@link ImagingPeersResource}).
 */
@QuarkusTest
class MaintenanceTest {

    @Test
    void corruptedObjectIsReportedByCheckAndScrub() {
        long id = Api.uploadJpeg("admin", Peers.patientP(), "PRIVATE");
        Api.as("admin").get("/api/v1/admin/images/" + id + "/integrity").then().statusCode(200)
                .body("ok", equalTo(true)).body("objectPresent", equalTo(true));
        String key = Api.as("admin").get("/api/v1/images/" + id).jsonPath().getString("sha256") == null ? null
                : Bucket.keys("originals/" + Peers.patientP() + "/").stream().filter(k -> k.endsWith("/" + id + ".jpg"))
                .findFirst().orElseThrow();
        // same size, different bytes: only a re-hash can tell
        byte[] corrupted = Api.as("admin").get("/api/v1/images/" + id + "/content").asByteArray();
        corrupted[corrupted.length / 2] ^= 0x5A;
        Bucket.put(key, corrupted);

        Api.as("admin").get("/api/v1/admin/images/" + id + "/integrity").then().statusCode(200)
                .body("ok", equalTo(false)).body("objectPresent", equalTo(true))
                .body("actualSha256", notNullValue());
        Api.as("admin").get("/api/v1/images/" + id).then().body("integrityOk", equalTo(false));
        Response scrub = Api.as("admin").post("/api/v1/admin/images/scrub");
        scrub.then().statusCode(200).body("job", equalTo("SCRUB"));
        List<Map<String, Object>> findings = scrub.jsonPath().getList("findings");
        assertTrue(findings.stream().anyMatch(f -> ((Number) f.get("imageId")).longValue() == id
                && "SHA256_MISMATCH".equals(f.get("problem"))), "scrub reports image " + id + ": " + findings);
        Api.as("admin").queryParam("job", "SCRUB").get("/api/v1/admin/images/reports").then().statusCode(200)
                .body("items[0].job", equalTo("SCRUB"));
        Api.as("doctor").post("/api/v1/admin/images/scrub").then().statusCode(403);
    }

    @Test
    void purgeRemovesObjectsAfterRetentionAndRestoreIsThenRefused() throws Exception {
        long id = Api.uploadJpeg("admin", Peers.patientQ(), "PRIVATE");
        Api.as("admin").queryParam("reason", "重复上传").delete("/api/v1/images/" + id).then().statusCode(200);
        // the test profile keeps deleted images for 3 s
        Thread.sleep(3500);
        Response purge = Api.as("admin").post("/api/v1/admin/images/purge");
        purge.then().statusCode(200).body("job", equalTo("PURGE"));
        assertTrue(purge.jsonPath().getList("findings.imageId", Long.class).contains(id));
        assertFalse(Bucket.exists("thumbnails/" + id + "-256.jpg"));
        assertFalse(Bucket.exists("thumbnails/" + id + "-1024.jpg"));
        assertTrue(Bucket.keys("originals/" + Peers.patientQ() + "/").stream().noneMatch(k -> k.endsWith("/" + id + ".jpg")));
        Api.as("admin").post("/api/v1/images/" + id + "/restore").then().statusCode(409);
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(404);
    }

    @Test
    void freshlyDeletedImagesAreNotPurged() {
        long id = Api.uploadJpeg("admin", Peers.patientQ(), "PRIVATE");
        Api.as("admin").queryParam("reason", "test").delete("/api/v1/images/" + id).then().statusCode(200);
        Api.as("admin").post("/api/v1/admin/images/purge").then().statusCode(200);
        assertTrue(Bucket.exists("thumbnails/" + id + "-256.jpg"));
        Api.as("admin").post("/api/v1/images/" + id + "/restore").then().statusCode(200);
    }

    @Test
    void sweeperRemovesStaleTempObjects() {
        Bucket.put("temp/stale-upload.part", new byte[] {1, 2, 3});
        Api.as("admin").post("/api/v1/admin/images/sweep-temp").then().statusCode(200)
                .body("findings.key", hasItem("temp/stale-upload.part"));
        assertFalse(Bucket.exists("temp/stale-upload.part"));
    }

    @Test
    void reconcilerFindsStraysBothWays() {
        // an object without a row (as a crash between storage and database would leave)
        String stray = "originals/" + Peers.patientP() + "/2026/01/987654.jpg";
        Bucket.put(stray, TestImages.jpeg(10, 10));
        // a row without its object (someone deleted it in the bucket)
        long id = Api.uploadJpeg("admin", Peers.patientP(), "PUBLIC");
        String original = Bucket.keys("originals/" + Peers.patientP() + "/").stream()
                .filter(k -> k.endsWith("/" + id + ".jpg")).findFirst().orElseThrow();
        try {
            Bucket.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket(Bucket.NAME).object(original).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Response report = Api.as("admin").queryParam("fix", true).post("/api/v1/admin/images/reconcile");
        report.then().statusCode(200).body("job", equalTo("RECONCILE"));
        List<Map<String, Object>> findings = report.jsonPath().getList("findings");
        assertTrue(findings.stream().anyMatch(f -> stray.equals(f.get("key")) && "OBJECT_WITHOUT_ROW".equals(f.get("problem"))
                && "DELETED".equals(f.get("action"))), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.get("imageId") != null && ((Number) f.get("imageId")).longValue() == id
                && "ROW_WITHOUT_OBJECT".equals(f.get("problem"))), findings.toString());
        assertFalse(Bucket.exists(stray));
        // the download of the row without object says so instead of failing obscurely
        Api.as("admin").get("/api/v1/images/" + id + "/content").then().statusCode(502)
                .contentType("application/problem+json");
    }
}
