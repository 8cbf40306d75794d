package org.mdms.imaging.image;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * mdms.imaging.thumbnails.mode=async: the upload answers 201 once the original and the row are stored, and the
 * background worker renders thumbnail and preview afterwards. All peers are real (embedded MariaDB and S3Proxy,
 * the packaged patient-service, see {@link ImagingPeersResource}). The worker waits 3 s before each render (test
 * setting; DICOM renders too) so that the PENDING state can be observed without racing it.
 */
@QuarkusTest
@TestProfile(AsyncThumbnailTest.AsyncMode.class)
class AsyncThumbnailTest {

    /** The demo doctor and technician upload for P: they treat P through real records in patient-service. */
    @org.junit.jupiter.api.BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    public static class AsyncMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdms.imaging.thumbnails.mode", "async",
                    "mdms.imaging.thumbnails.delay", "PT3S",
                    "mdms.imaging.thumbnails.scan-every", "2s");
        }
    }

    @Test
    void uploadAnswersBeforeThumbnailsExistAndTheyBecomeReady() {
        long p = Peers.patientP();
        byte[] jpeg = TestImages.jpeg(TestImages.noisy(1600, 1200, 7, 12), 0.9f);
        Map<String, String> fields = Api.fields(p, "DIAGNOSTIC_IMAGE");
        fields.put("title", "异步缩略图");
        Response created = Api.upload("doctor", jpeg, "胸片.jpg", "image/jpeg", fields);
        created.then().statusCode(201).body("thumbnailStatus", equalTo("PENDING"))
                .body("width", equalTo(1600)).body("height", equalTo(1200)).body("contentType", equalTo("image/jpeg"));
        long id = ((Number) created.path("id")).longValue();

        // the original is stored and downloadable at once; the derived JPEGs are not there yet
        assertArrayEquals(jpeg, Api.as("doctor").get("/api/v1/images/" + id + "/content").then().statusCode(200)
                .extract().asByteArray());
        assertFalse(Bucket.exists("thumbnails/" + id + "-256.jpg"));
        Api.as("doctor").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(409)
                .contentType("application/problem+json").header("Retry-After", "2")
                .body("detail", containsString("PENDING"));
        Api.as("doctor").get("/api/v1/images/" + id + "/preview").then().statusCode(409).header("Retry-After", "2");
        Api.as("doctor").queryParam("variant", "THUMBNAIL").get("/api/v1/images/" + id + "/url").then().statusCode(409)
                .contentType("application/problem+json");

        awaitStatus(id, "READY");
        byte[] thumbnail = Api.as("doctor").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        var t = TestImages.decode(thumbnail);
        assertEquals(256, Math.max(t.getWidth(), t.getHeight()));
        var preview = TestImages.decode(Api.as("doctor").get("/api/v1/images/" + id + "/preview").then()
                .statusCode(200).extract().asByteArray());
        assertEquals(1024, Math.max(preview.getWidth(), preview.getHeight()));
        Api.as("doctor").get("/api/v1/images/" + id).then().body("thumbnailError", nullValue());
    }

    @Test
    void theConsoleGalleryPollsAPendingTileUntilItsThumbnailIsReady() {
        long p = Peers.patientP();
        long id = Api.upload("doctor", TestImages.jpeg(640, 480), "pending.jpg", "image/jpeg",
                Api.fields(p, "DIAGNOSTIC_IMAGE")).then().statusCode(201)
                .body("thumbnailStatus", equalTo("PENDING")).extract().jsonPath().getLong("id");
        String session = Peers.token("doctor");
        String tile = "/ui/patients/" + p + "/images/" + id + "/tile";
        // while PENDING: a placeholder that htmx polls, and a refresh for browsers without JavaScript
        String gallery = io.restassured.RestAssured.given().cookie("mdms_session", session)
                .get("/ui/patients/" + p + "/images").then().statusCode(200).extract().asString();
        assertTrue(gallery.contains("hx-get=\"" + tile + "\""), "the pending tile polls");
        assertTrue(gallery.contains("<noscript><meta http-equiv=\"refresh\""), "the JS-free fallback");
        assertFalse(gallery.contains("/api/v1/images/" + id + "/thumbnail"), "no broken thumbnail");

        awaitStatus(id, "READY");
        String ready = io.restassured.RestAssured.given().cookie("mdms_session", session).header("HX-Request", "true")
                .get(tile).then().statusCode(200).extract().asString();
        assertTrue(ready.contains("src=\"/api/v1/images/" + id + "/thumbnail\""), ready);
        assertFalse(ready.contains("hx-get"), "polling stops once ready");
        assertFalse(ready.contains("<html"), "only the tile");
    }

    @Test
    void headerCheckStillRefusesWhatIsNotAnImage() {
        long p = Peers.patientP();
        Api.upload("admin", "this is not a picture".getBytes(), "fake.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(415).contentType("application/problem+json");
        Api.upload("admin", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2}, "broken.jpg", "image/jpeg",
                Api.fields(p, "OTHER")).then().statusCode(415);
        Api.upload("admin", new byte[0], "empty.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        // PNG bytes named .jpg: detected from the bytes, as in sync mode
        Api.upload("admin", TestImages.png(300, 200), "really-a-png.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(201).body("contentType", equalTo("image/png")).body("width", equalTo(300));
        // EXIF orientation 6 (a 90° turn) read from the header alone: upright width/height, as in sync mode
        long id = Api.upload("admin", TestImages.jpegWithOrientation6(600, 200), "rotated.jpg", "image/jpeg",
                        Api.fields(p, "PATIENT_PHOTO")).then().statusCode(201)
                .body("width", equalTo(200)).body("height", equalTo(600)).extract().jsonPath().getLong("id");
        awaitStatus(id, "READY");
        var thumb = TestImages.decode(Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").asByteArray());
        assertTrue(thumb.getHeight() > thumb.getWidth(), "thumbnail turned upright");
    }

    @Test
    void pixelsThatDoNotDecodeEndFailedAndAreReported() {
        long p = Peers.patientP();
        // a PNG cut after a third: its header (IHDR) is intact, its pixel data is not
        byte[] good = TestImages.encode(TestImages.noisy(400, 300, 3, 40), "png");
        byte[] truncated = Arrays.copyOf(good, good.length / 3);
        Response created = Api.upload("admin", truncated, "cut.png", "image/png", Api.fields(p, "OTHER"));
        created.then().statusCode(201).body("thumbnailStatus", equalTo("PENDING")).body("width", equalTo(400));
        long id = ((Number) created.path("id")).longValue();

        Response failed = awaitStatus(id, "FAILED");
        assertTrue(failed.jsonPath().getString("thumbnailError").contains("decode"), failed.asString());
        Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(409)
                .contentType("application/problem+json").header("Retry-After", nullValue());
        // reported where admins read the maintenance findings, and by the reconciler
        List<Map<String, Object>> reports = Api.as("admin").queryParam("job", "THUMBNAIL").queryParam("size", 100)
                .get("/api/v1/admin/images/reports").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(reports.stream().anyMatch(r -> ((List<?>) r.get("findings")).stream().anyMatch(f ->
                ((Number) ((Map<?, ?>) f).get("imageId")).longValue() == id)), reports.toString());
        List<Map<String, Object>> findings = Api.as("admin").queryParam("fix", false)
                .post("/api/v1/admin/images/reconcile").then().statusCode(200).extract().jsonPath().getList("findings");
        assertTrue(findings.stream().anyMatch(f -> f.get("imageId") != null
                && ((Number) f.get("imageId")).longValue() == id
                && String.valueOf(f.get("problem")).startsWith("THUMBNAIL_FAILED")), findings.toString());
        // the original itself is kept as uploaded
        assertArrayEquals(truncated, Api.as("admin").get("/api/v1/images/" + id + "/content").asByteArray());
    }

    /**
     * What a restart relies on: a PENDING row that is in nobody's in-memory queue (here: made PENDING behind the
     * service's back, derived objects removed) is found by the periodic scan (the same scan runs at start-up) and
     * rendered.
     */
    @Test
    void pendingRowsOutsideTheQueueArePickedUpByTheScan() throws Exception {
        long id = Api.uploadJpeg("admin", Peers.patientQ(), "PRIVATE");
        awaitStatus(id, "READY");
        Bucket.client().removeObject(io.minio.RemoveObjectArgs.builder().bucket(Bucket.NAME)
                .object("thumbnails/" + id + "-256.jpg").build());
        Map<String, String> db = ImagingPeersResource.direct();
        java.util.Properties login = new java.util.Properties();
        login.put("user", db.get("mdms.db.user"));
        login.put("password", db.get("mdms.db.password"));
        // the driver directly: DriverManager does not see drivers of Quarkus' test class loader
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect("jdbc:mysql://" + db.get("mdms.db.host") + ":"
                + db.get("mdms.db.port") + "/mdms_imaging?sslMode=DISABLED&allowPublicKeyRetrieval=true", login);
             PreparedStatement s = c.prepareStatement("UPDATE image SET thumbnail_status = 'PENDING' WHERE id = ?")) {
            s.setLong(1, id);
            assertEquals(1, s.executeUpdate());
        }
        Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(409);
        awaitStatus(id, "READY");
        assertTrue(Bucket.exists("thumbnails/" + id + "-256.jpg"));
        Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(200).contentType("image/jpeg");
    }

    /**
     * The render works from the bytes the upload received (handed over in memory), not from a read back of the
     * bucket: the original is overwritten with other bytes behind the service's back before the render starts (3 s
     * delay), and the thumbnail still shows the uploaded picture. Read from the bucket, those bytes would end FAILED.
     */
    @Test
    void thePhotoRenderUsesTheUploadedBytesNotTheBucket() {
        long p = Peers.patientP();
        byte[] jpeg = TestImages.jpeg(TestImages.noisy(1600, 1200, 11, 12), 0.9f);
        long id = Api.upload("doctor", jpeg, "handed-over.jpg", "image/jpeg", Api.fields(p, "DIAGNOSTIC_IMAGE"))
                .then().statusCode(201).body("thumbnailStatus", equalTo("PENDING")).extract().jsonPath().getLong("id");
        String key = Bucket.keys("originals/" + p + "/").stream().filter(k -> k.endsWith("/" + id + ".jpg"))
                .findFirst().orElseThrow();
        Bucket.put(key, "not a picture any more".getBytes());
        try {
            awaitStatus(id, "READY");
            var thumbnail = TestImages.decode(Api.as("doctor").get("/api/v1/images/" + id + "/thumbnail").then()
                    .statusCode(200).extract().asByteArray());
            assertEquals(256, thumbnail.getWidth());
            assertEquals(192, thumbnail.getHeight());
        } finally {
            Bucket.put(key, jpeg); // the scrub of other tests must find the original it hashed
        }
    }

    /** The same for a DICOM instance: its thumbnail is rendered from the body the upload received and hashed. */
    @Test
    void theDicomRenderUsesTheUploadedBytesNotTheBucket() throws Exception {
        String mrn = "MRN-HANDOFF-" + System.nanoTime();
        long patient = ((Number) io.restassured.RestAssured.given().baseUri(Peers.url())
                .header("Authorization", Peers.bearer("admin")).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("mrn", mrn, "name", "交接 测试", "gender", "FEMALE", "birthDate", "1975-03-04"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        String study = "1.2.826.0.1.3680043.8.498." + System.currentTimeMillis() + ".77";
        String series = study + ".1";
        String sop = series + ".1";
        byte[] file = org.mdms.local.testing.DicomWriter.ct(org.mdms.local.testing.DicomWriter.EXPLICIT_LE, mrn,
                study, series, sop).monochrome16(64, 48, 1, true).bytes();
        Api.as("admin").contentType("application/dicom").body(file).post("/api/v1/dicom/instances").then()
                .statusCode(201).body("thumbnailStatus", equalTo("PENDING"));
        String key = "dicom/" + patient + "/" + study + "/" + series + "/" + sop + ".dcm";
        Bucket.put(key, "not DICOM any more".getBytes());
        String instance = "/api/v1/dicom/studies/" + study + "/series/" + series + "/instances/" + sop;
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            String status = "PENDING";
            while ("PENDING".equals(status) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                status = Api.as("admin").get(instance).then().statusCode(200).extract().path("thumbnailStatus");
            }
            assertEquals("READY", status, Api.as("admin").get(instance).asString());
            var thumbnail = TestImages.decode(Api.as("admin").get(instance + "/thumbnail").then().statusCode(200)
                    .contentType("image/jpeg").extract().asByteArray());
            assertEquals(256, thumbnail.getHeight());
            assertEquals(48 * 256 / 64, thumbnail.getWidth(), 1);
        } finally {
            Bucket.put(key, file);
        }
    }

    /** Polls the metadata until thumbnailStatus is {@code expected}, at most 60 s (the box is shared and slow). */
    private static Response awaitStatus(long id, String expected) {
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            Response r = Api.as("admin").get("/api/v1/images/" + id);
            r.then().statusCode(200);
            last = r.jsonPath().getString("thumbnailStatus");
            if (expected.equals(last)) {
                return r;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("image " + id + " did not reach thumbnailStatus " + expected + " within 60 s (last: " + last + ")");
        return null;
    }
}
