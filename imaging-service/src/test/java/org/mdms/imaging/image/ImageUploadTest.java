package org.mdms.imaging.image;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload, read and download through the HTTP API. Real peers: embedded MariaDB, embedded S3Proxy and the real
 * patient-service (its packaged jar, started by {@link ImagingPeersResource}); nothing is mocked.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class ImageUploadTest {

    /** The demo doctor and technician upload for P: they treat P through real records in patient-service. */
    @org.junit.jupiter.api.BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    @org.junit.jupiter.api.BeforeEach
    void doctorTreatsP() {
        // a real visit in patient-service makes the demo doctor one of P's treating staff
        Peers.visitOfP();
    }

    @Test
    void uploadStoresObjectsRowAndThumbnailsWithChineseNames() throws Exception {
        byte[] bytes = TestImages.jpeg(1600, 1000);
        Map<String, String> fields = Api.fields(Peers.patientP(), "ECG");
        fields.put("title", "静息心电图 二〇二六");
        fields.put("description", "胸闷三天，心率偏快");
        fields.put("visibility", "PRIVATE");
        Response created = Api.upload("technician", bytes, "心电图-张三.jpg", "image/jpeg", fields);
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/images/"))
                .body("title", equalTo("静息心电图 二〇二六"))
                .body("description", equalTo("胸闷三天，心率偏快"))
                .body("originalFilename", equalTo("心电图-张三.jpg"))
                .body("category", equalTo("ECG"))
                .body("categoryName", equalTo("心电图"))
                .body("contentType", equalTo("image/jpeg"))
                .body("width", equalTo(1600)).body("height", equalTo(1000))
                .body("sizeBytes", equalTo(bytes.length))
                .body("sha256", equalTo(sha256(bytes)))
                .body("visibility", equalTo("PRIVATE"))
                .body("uploadedBy", equalTo("technician"))
                // default thumbnail mode (sync): the derived JPEGs exist when the upload answers
                .body("thumbnailStatus", equalTo("READY"));
        long id = created.jsonPath().getLong("id");

        // the objects really are in the bucket under the keys of DESIGN.md
        assertTrue(Bucket.keys("originals/" + Peers.patientP() + "/").stream().anyMatch(k -> k.endsWith("/" + id + ".jpg")));
        assertTrue(Bucket.exists("thumbnails/" + id + "-256.jpg"));
        assertTrue(Bucket.exists("thumbnails/" + id + "-1024.jpg"));

        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200)
                .body("title", equalTo("静息心电图 二〇二六")).body("version", equalTo(0));

        byte[] thumbnail = Api.as("technician").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        BufferedImage thumb = TestImages.decode(thumbnail);
        assertEquals(256, Math.max(thumb.getWidth(), thumb.getHeight()));
        assertEquals(160, thumb.getHeight());
        BufferedImage preview = TestImages.decode(Api.as("technician").get("/api/v1/images/" + id + "/preview")
                .then().statusCode(200).extract().asByteArray());
        assertEquals(1024, preview.getWidth());

        // searching by the Chinese title finds it
        Api.as("admin").queryParam("q", "心电图").queryParam("patientId", Peers.patientP())
                .get("/api/v1/images").then().statusCode(200).body("items.id", hasItem((int) id));
    }

    @Test
    void downloadStreamsWithLengthEtagAndRanges() {
        byte[] bytes = TestImages.jpeg(800, 600);
        long id = Api.upload("doctor", bytes, "scan.jpg", "image/jpeg", Api.fields(Peers.patientP(), "DIAGNOSTIC_IMAGE"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String etag = "\"" + sha256(bytes) + "\"";

        Response full = Api.as("doctor").get("/api/v1/images/" + id + "/content");
        full.then().statusCode(200).contentType("image/jpeg")
                .header("Content-Length", Integer.toString(bytes.length))
                .header("ETag", etag)
                .header("Accept-Ranges", "bytes");
        assertArrayEquals(bytes, full.asByteArray());

        Response part = Api.as("doctor").header("Range", "bytes=100-199").get("/api/v1/images/" + id + "/content");
        part.then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + bytes.length)
                .header("Content-Length", "100");
        byte[] expected = new byte[100];
        System.arraycopy(bytes, 100, expected, 0, 100);
        assertArrayEquals(expected, part.asByteArray());

        Response suffix = Api.as("doctor").header("Range", "bytes=-10").get("/api/v1/images/" + id + "/content");
        suffix.then().statusCode(206).header("Content-Range", "bytes " + (bytes.length - 10) + "-" + (bytes.length - 1)
                + "/" + bytes.length);

        Api.as("doctor").header("Range", "bytes=" + bytes.length + "-").get("/api/v1/images/" + id + "/content")
                .then().statusCode(416).header("Content-Range", "bytes */" + bytes.length);

        Api.as("doctor").header("If-None-Match", etag).get("/api/v1/images/" + id + "/content")
                .then().statusCode(304);
    }

    @Test
    void presignedUrlServesTheOriginalWithoutToken() throws Exception {
        byte[] bytes = TestImages.jpeg(400, 300);
        long id = Api.upload("doctor", bytes, "x.jpg", "image/jpeg", Api.fields(Peers.patientP(), "OTHER"))
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String url = Api.as("doctor").get("/api/v1/images/" + id + "/url").then().statusCode(200)
                .body("variant", equalTo("ORIGINAL")).body("expiresAt", notNullValue())
                .extract().path("url");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(bytes, response.body());
        Api.as("doctor").queryParam("variant", "HUGE").get("/api/v1/images/" + id + "/url").then().statusCode(400)
                .body("errors[0].field", equalTo("variant"));
    }

    @Test
    void otherFormatsGreySixteenBitAndExifOrientation() {
        long p = Peers.patientP();
        Api.upload("admin", TestImages.png(300, 200), "a.png", "image/png", Api.fields(p, "OTHER"))
                .then().statusCode(201).body("contentType", equalTo("image/png"));
        Api.upload("admin", TestImages.encode(TestImages.picture(120, 80, 1), "gif"), "a.gif", "image/gif",
                Api.fields(p, "OTHER")).then().statusCode(201).body("contentType", equalTo("image/gif"));
        Api.upload("admin", TestImages.encode(TestImages.picture(120, 80, 1), "bmp"), "a.bmp", "image/bmp",
                Api.fields(p, "OTHER")).then().statusCode(201).body("contentType", equalTo("image/bmp"));
        Api.upload("admin", TestImages.encode(TestImages.picture(120, 80, 1), "tiff"), "a.tif", "image/tiff",
                Api.fields(p, "OTHER")).then().statusCode(201).body("contentType", equalTo("image/tiff"));
        Api.upload("admin", TestImages.grey16Png(500, 300), "grey16.png", "image/png", Api.fields(p, "DIAGNOSTIC_IMAGE"))
                .then().statusCode(201).body("width", equalTo(500));
        Api.upload("admin", TestImages.greyJpeg(500, 300), "grey.jpg", "image/jpeg", Api.fields(p, "DIAGNOSTIC_IMAGE"))
                .then().statusCode(201);
        // CMYK JPEG (the JDK reads it): stored as is, thumbnails drawn as RGB
        long cmyk = Api.upload("admin", TestImages.cmykJpeg(300, 200), "scan-cmyk.jpg", "image/jpeg",
                Api.fields(p, "EXAM_REPORT")).then().statusCode(201).body("width", equalTo(300))
                .extract().jsonPath().getLong("id");
        BufferedImage cmykThumb = TestImages.decode(Api.as("admin").get("/api/v1/images/" + cmyk + "/thumbnail").asByteArray());
        assertEquals(3, cmykThumb.getRaster().getNumBands());
        // the file name and declared type lie: PNG bytes named .jpg are stored as what they are
        Api.upload("admin", TestImages.png(64, 64), "lies.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(201).body("contentType", equalTo("image/png"));

        // EXIF orientation 6: a 600x200 raster is shown as 200x600, and so are its thumbnails
        long id = Api.upload("admin", TestImages.jpegWithOrientation6(600, 200), "rotated.jpg", "image/jpeg",
                Api.fields(p, "PATIENT_PHOTO")).then().statusCode(201)
                .body("width", equalTo(200)).body("height", equalTo(600)).extract().jsonPath().getLong("id");
        BufferedImage thumb = TestImages.decode(Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").asByteArray());
        assertTrue(thumb.getHeight() > thumb.getWidth(), "thumbnail turned upright");
    }

    @Test
    void badInputIsRefusedWithProblemJsonAndNothingIsStored() {
        long p = Peers.patientP();
        int objectsBefore = Bucket.all().size();
        long rowsBefore = Api.as("admin").get("/api/v1/images?size=1").jsonPath().getLong("totalItems");
        byte[] good = TestImages.jpeg(200, 100);

        Api.upload("admin", new byte[0], "empty.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"));
        Api.upload("admin", null, null, null, Api.fields(p, "OTHER"))
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        // the test profile's limit is 3 MB
        Api.upload("admin", new byte[3 * 1024 * 1024 + 10], "big.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(413).contentType("application/problem+json");
        Api.upload("admin", "this is not a picture".getBytes(), "fake.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(415).contentType("application/problem+json");
        byte[] truncated = new byte[good.length / 3];
        System.arraycopy(good, 0, truncated, 0, truncated.length);
        truncated[truncated.length - 1] = 0;
        // a JPEG cut off in its pixel data: the decoder would fill the rest with grey; refused instead
        Api.upload("admin", truncated, "cut.jpg", "image/jpeg", Api.fields(p, "OTHER"))
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("truncated"));
        Api.upload("admin", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2}, "broken.jpg", "image/jpeg",
                Api.fields(p, "OTHER")).then().statusCode(415);
        Api.upload("admin", good, "a.jpg", "image/jpeg", Api.fields(p, "XRAY_OF_MARS"))
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        Api.upload("admin", good, "a.jpg", "image/jpeg", Map.of("category", "OTHER"))
                .then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        Api.upload("admin", good, "a.jpg", "image/jpeg", Map.of("category", "OTHER", "patientId", "abc"))
                .then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        Map<String, String> badVisibility = Api.fields(p, "OTHER");
        badVisibility.put("visibility", "SECRET");
        Api.upload("admin", good, "a.jpg", "image/jpeg", badVisibility)
                .then().statusCode(400).body("errors[0].field", equalTo("visibility"));
        Map<String, String> longTitle = Api.fields(p, "OTHER");
        longTitle.put("title", "长".repeat(201));
        Api.upload("admin", good, "a.jpg", "image/jpeg", longTitle)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        // every bad field of one form named in one answer, each once
        Api.upload("admin", good, "a.jpg", "image/jpeg", Map.of("category", "XRAY_OF_MARS", "patientId", "1.5",
                        "visibility", "SECRET", "visitId", "-3", "title", "长".repeat(201)))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("category", "patientId", "title", "visibility", "visitId"))
                .body("detail", containsString("patientId: '1.5' is not a number"));
        Map<String, String> nulInCategory = Api.fields(p, "OTHER");
        nulInCategory.put("category", "ECG\u0000");
        nulInCategory.put("visitId", "x");
        Api.upload("admin", good, "a.jpg", "image/jpeg", nulInCategory)
                .then().statusCode(400).body("errors.field", contains("category", "visitId"));

        // references checked with patient-service
        Api.upload("admin", good, "a.jpg", "image/jpeg", Api.fields(987654321L, "OTHER"))
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("patientId"));
        // a soft-deleted patient (real patient-service: created, then deleted through its API) takes no new images
        long deleted = Peers.deletedPatient();
        Api.upload("doctor", good, "a.jpg", "image/jpeg", Api.fields(deleted, "OTHER"))
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("patientId"));
        Api.upload("admin", good, "a.jpg", "image/jpeg", Api.fields(deleted, "OTHER"))
                .then().statusCode(422).body("errors[0].field", equalTo("patientId"))
                .body("detail", containsString("deleted"));
        Api.as("admin").get("/api/v1/images?patientId=" + deleted).then().statusCode(200)
                .body("totalItems", equalTo(0));
        Map<String, String> noVisit = Api.fields(p, "OTHER");
        noVisit.put("visitId", "987654321");
        Api.upload("admin", good, "a.jpg", "image/jpeg", noVisit)
                .then().statusCode(422).body("errors[0].field", equalTo("visitId"));
        Map<String, String> otherPatientsVisit = Api.fields(Peers.patientQ(), "OTHER");
        otherPatientsVisit.put("visitId", Long.toString(Peers.visitOfP()));
        Api.upload("admin", good, "a.jpg", "image/jpeg", otherPatientsVisit)
                .then().statusCode(422).body("errors[0].field", equalTo("visitId"))
                .body("detail", containsString("another patient"));
        Map<String, String> notTechnician = Api.fields(p, "OTHER");
        notTechnician.put("technicianId", Long.toString(Peers.staffId("doctor")));
        Api.upload("admin", good, "a.jpg", "image/jpeg", notTechnician)
                .then().statusCode(422).body("errors[0].field", equalTo("technicianId"));
        Map<String, String> noTechnician = Api.fields(p, "OTHER");
        noTechnician.put("technicianId", "987654321");
        Api.upload("admin", good, "a.jpg", "image/jpeg", noTechnician)
                .then().statusCode(422).body("errors[0].field", equalTo("technicianId"));

        // who may upload
        given().multiPart("file", "a.jpg", good, "image/jpeg").multiPart("patientId", Long.toString(p))
                .multiPart("category", "OTHER").post("/api/v1/images").then().statusCode(401);
        Api.upload("pharmacist", good, "a.jpg", "image/jpeg", Api.fields(p, "OTHER")).then().statusCode(403)
                .contentType("application/problem+json");
        Api.upload("patient", good, "a.jpg", "image/jpeg", Api.fields(Peers.patientQ(), "OTHER")).then().statusCode(403);

        assertEquals(objectsBefore, Bucket.all().size(), "no object left behind by refused uploads");
        Api.as("admin").get("/api/v1/images?size=1").then().body("totalItems", equalTo((int) rowsBefore));
    }

    @Test
    void uploadWithVisitAndTechnicianAndPatientUploadsOwn() {
        Map<String, String> fields = Api.fields(Peers.patientP(), "EXAM_REPORT");
        fields.put("visitId", Long.toString(Peers.visitOfP()));
        fields.put("technicianId", Long.toString(Peers.staffId("technician")));
        Api.upload("technician", TestImages.jpeg(300, 300), "report.jpg", "image/jpeg", fields).then().statusCode(201)
                .body("visitId", equalTo((int) Peers.visitOfP()))
                .body("technicianId", equalTo((int) Peers.staffId("technician")));
        Api.as("doctor").queryParam("patientId", Peers.patientP()).queryParam("visitId", Peers.visitOfP())
                .get("/api/v1/images").then().statusCode(200)
                .body("totalItems", greaterThanOrEqualTo(1));
        Api.upload("patient", TestImages.jpeg(200, 200), "我的身份证.jpg", "image/jpeg",
                Api.fields(Peers.patientP(), "ID_DOCUMENT")).then().statusCode(201).body("uploadedBy", equalTo("patient"));
    }

    @Test
    void searchPagesSortsAndFilters() {
        long q = Peers.patientQ();
        for (int i = 0; i < 3; i++) {
            Map<String, String> fields = Api.fields(q, i == 0 ? "LAB_SHEET" : "OTHER");
            fields.put("title", "page-test-" + i);
            Api.upload("admin", TestImages.jpeg(100 + i, 100), "p.jpg", "image/jpeg", fields).then().statusCode(201);
        }
        Api.as("admin").queryParam("patientId", q).queryParam("q", "page-test").queryParam("size", 2)
                .queryParam("sort", "title,asc").get("/api/v1/images").then().statusCode(200)
                .body("items.size()", is(2)).body("totalItems", equalTo(3)).body("totalPages", equalTo(2))
                .body("items[0].title", equalTo("page-test-0")).body("page", equalTo(0)).body("size", equalTo(2));
        Api.as("admin").queryParam("patientId", q).queryParam("q", "page-test").queryParam("size", 2)
                .queryParam("page", 1).queryParam("sort", "title,asc").get("/api/v1/images").then()
                .body("items.size()", is(1)).body("items[0].title", equalTo("page-test-2"));
        Api.as("admin").queryParam("patientId", q).queryParam("category", "LAB_SHEET").queryParam("q", "page-test")
                .get("/api/v1/images").then().body("totalItems", equalTo(1));
        Api.as("admin").queryParam("patientId", q).queryParam("from", "2000-01-01").queryParam("to", "2000-12-31")
                .get("/api/v1/images").then().body("totalItems", equalTo(0));
        Api.as("admin").queryParam("sort", "password,asc").get("/api/v1/images").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        Api.as("admin").queryParam("size", 0).get("/api/v1/images").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        Api.as("admin").queryParam("from", "yesterday").get("/api/v1/images").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        Api.as("admin").queryParam("category", "NOPE").get("/api/v1/images").then().statusCode(400);
        Api.as("admin").get("/api/v1/images/categories").then().statusCode(200).body("size()", is(9))
                .body("find { it.code == 'LAB_SHEET' }.nameZh", equalTo("化验单"));
    }

    @Test
    void updateSoftDeleteRestoreAndDeletedList() {
        long id = Api.uploadJpeg("doctor", Peers.patientP(), "PRIVATE");
        Api.as("doctor").contentType("application/json")
                .body(Map.of("title", "胸片复查", "visibility", "PUBLIC", "category", "EXAM_REPORT", "version", 0))
                .patch("/api/v1/images/" + id).then().statusCode(200)
                .body("title", equalTo("胸片复查")).body("visibility", equalTo("PUBLIC"))
                .body("category", equalTo("EXAM_REPORT")).body("version", equalTo(1));
        // a stale version is a conflict
        Api.as("doctor").contentType("application/json").body(Map.of("title", "late edit", "version", 0))
                .patch("/api/v1/images/" + id).then().statusCode(409).contentType("application/problem+json");
        Api.as("doctor").contentType("application/json").body(Map.of("category", "NOPE"))
                .patch("/api/v1/images/" + id).then().statusCode(400).body("errors[0].field", equalTo("category"));
        Api.as("analyst").contentType("application/json").body(Map.of("title", "x"))
                .patch("/api/v1/images/" + id).then().statusCode(403);

        Api.as("doctor").delete("/api/v1/images/" + id).then().statusCode(400).body("errors[0].field", equalTo("reason"));
        int deletedVersion = Api.as("doctor").queryParam("reason", "上传到了错误的病人").delete("/api/v1/images/" + id)
                .then().statusCode(200)
                .body("deletedBy", equalTo("doctor")).body("deleteReason", equalTo("上传到了错误的病人"))
                .extract().path("version");
        Api.as("doctor").get("/api/v1/images/" + id).then().statusCode(404).contentType("application/problem+json");
        Api.as("doctor").get("/api/v1/images/" + id + "/content").then().statusCode(404);
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200).body("deletedAt", notNullValue())
                .body("version", equalTo(deletedVersion));
        Api.as("admin").queryParam("size", 100).get("/api/v1/images/deleted").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        Api.as("doctor").get("/api/v1/images/deleted").then().statusCode(403);
        Api.as("doctor").post("/api/v1/images/" + id + "/restore").then().statusCode(403);
        // the answer carries the version the row has now, so the next edit can send it
        Api.as("admin").post("/api/v1/images/" + id + "/restore").then().statusCode(200).body("deletedAt", equalTo(null))
                .body("version", equalTo(deletedVersion + 1));
        Api.as("admin").post("/api/v1/images/" + id + "/restore").then().statusCode(409);
        Api.as("doctor").get("/api/v1/images/" + id).then().statusCode(200).body("version", equalTo(deletedVersion + 1));
        Api.as("admin").get("/api/v1/images/999999999").then().statusCode(404);
    }

    @Test
    void aRefusedChangeOrDeleteIsAuditedAndChangesNothing() {
        // the doctor treats P, not Q: an image of Q uploaded by an admin is neither theirs to change nor to delete
        long id = Api.uploadJpeg("admin", Peers.patientQ(), "PUBLIC");
        Api.as("doctor").contentType("application/json").body(Map.of("title", "不该改", "version", 0))
                .patch("/api/v1/images/" + id).then().statusCode(403).contentType("application/problem+json");
        Api.as("doctor").queryParam("reason", "不该删").delete("/api/v1/images/" + id).then().statusCode(403)
                .contentType("application/problem+json");
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200).body("version", equalTo(0))
                .body("deletedAt", equalTo(null));
        Response denied = Api.as("admin").queryParam("imageId", id).queryParam("action", "DENIED")
                .get("/api/v1/images/audit");
        denied.then().statusCode(200);
        assertEquals(java.util.List.of("DELETE", "UPDATE"),
                denied.jsonPath().getList("items.detail", String.class).stream().sorted().toList());
        assertEquals(java.util.List.of("doctor", "doctor"), denied.jsonPath().getList("items.username"));
    }

    @Test
    void everyAccessIsAudited() {
        long id = Api.uploadJpeg("technician", Peers.patientP(), "PRIVATE");
        Api.as("technician").get("/api/v1/images/" + id + "/content").then().statusCode(200);
        Api.as("analyst").get("/api/v1/images/" + id).then().statusCode(403);
        Response audit = Api.as("admin").queryParam("imageId", id).queryParam("size", 50).get("/api/v1/images/audit");
        audit.then().statusCode(200);
        assertTrue(audit.jsonPath().getList("items.action").containsAll(java.util.List.of("UPLOAD", "DOWNLOAD", "DENIED")));
        assertEquals(Peers.patientP(), audit.jsonPath().getLong("items[0].patientId"));
        assertFalse(audit.jsonPath().getList("items.username").isEmpty());
        Api.as("doctor").get("/api/v1/images/audit").then().statusCode(403);
    }

    @Test
    void openApiHealthAndMetricsAreServed() {
        // fault tests may have just cut and restored the links: give the pools a moment to reconnect
        String health = "";
        for (int i = 0; i < 40; i++) {
            Response ready = given().get("/q/health/ready");
            health = ready.asString();
            if (ready.statusCode() == 200) {
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertTrue(health.contains("\"status\": \"UP\"") || health.contains("\"status\":\"UP\""), health);
        assertTrue(health.contains("object-storage"), health);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/images"));
        given().get("/q/metrics").then().statusCode(200);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
