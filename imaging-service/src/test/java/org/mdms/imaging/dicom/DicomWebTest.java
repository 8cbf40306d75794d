package org.mdms.imaging.dicom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.local.testing.DicomWriter;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.mdms.imaging.dicom.DicomFixtures.newPatient;
import static org.mdms.imaging.dicom.DicomFixtures.uid;
import static org.mdms.imaging.dicom.DicomFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's DICOMweb parts through the HTTP API against the real peers: STOW-RS (many instances per request, an
 * outcome per part), study- and series-level metadata, rendered frames (JPEG/PNG, Accept, 404/406/422), two
 * concurrent uploads of one SOP Instance UID with different bytes, and an upload larger than the in-memory limit.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class DicomWebTest {

    private static final String BOUNDARY = "mdms-stow-7e3f";
    private static final RestAssuredConfig RAW = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));


    @BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    @Test
    void stowStoresEveryPartAndSaysWhatHappenedToEach() {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "陈静", "1979-02-03");
        String study = uid();
        String series = study + ".1";
        byte[] first = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".1")
                .monochrome16(8, 8, 1, true).bytes();
        byte[] second = DicomWriter.ct(DicomWriter.IMPLICIT_LE, x.mrn(), study, series, series + ".2")
                .monochrome16(8, 8, 2, false).bytes();
        byte[] unknownMrn = DicomWriter.ct(DicomWriter.EXPLICIT_LE, "MRN-NOBODY-" + System.nanoTime(), uid(),
                uid(), uid()).monochrome16(4, 4, 1, false).bytes();
        byte[] notDicom = "not a DICOM file, only long enough to pass for one at a glance".repeat(4)
                .getBytes(StandardCharsets.US_ASCII);

        stow("admin", part(first), part(second), part(unknownMrn), part(notDicom))
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("stored", equalTo(2)).body("existing", equalTo(0)).body("refused", equalTo(2))
                .body("instances", hasSize(4))
                .body("instances[0].outcome", equalTo("STORED")).body("instances[0].status", equalTo(201))
                .body("instances[0].instance.sopInstanceUid", equalTo(series + ".1"))
                .body("instances[0].instance.sha256", equalTo(sha256(first)))
                .body("instances[1].outcome", equalTo("STORED"))
                .body("instances[1].instance.frames", equalTo(2))
                .body("instances[2].outcome", equalTo("REFUSED")).body("instances[2].status", equalTo(422))
                .body("instances[2].field", equalTo("PatientID"))
                .body("instances[3].outcome", equalTo("REFUSED")).body("instances[3].status", equalTo(415))
                .body("instances[3].field", equalTo("preamble"));
        assertEquals(List.of("dicom/" + x.id() + "/" + study + "/" + series + "/" + series + ".1.dcm",
                "dicom/" + x.id() + "/" + study + "/" + series + "/" + series + ".2.dcm"),
                Bucket.keys("dicom/" + x.id() + "/"));

        // the same parts again: EXISTING; other bytes under a stored SOP Instance UID: REFUSED 409; a text part 415
        byte[] changed = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".1")
                .monochrome16(8, 8, 1, false).bytes();
        stow("admin", part(first), part(second), part(changed),
                ("Content-Type: text/plain\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII))
                .then().statusCode(200)
                .body("stored", equalTo(0)).body("existing", equalTo(2)).body("refused", equalTo(2))
                .body("instances[0].outcome", equalTo("EXISTING")).body("instances[0].status", equalTo(200))
                .body("instances[2].outcome", equalTo("REFUSED")).body("instances[2].status", equalTo(409))
                .body("instances[2].field", equalTo("SOPInstanceUID"))
                .body("instances[2].sopInstanceUid", equalTo(series + ".1"))
                .body("instances[3].status", equalTo(415)).body("instances[3].field", equalTo("Content-Type"));
        assertEquals(2, Bucket.keys("dicom/" + x.id() + "/").size());
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + series + "/instances").then()
                .statusCode(200).body("sopInstanceUid", equalTo(List.of(series + ".1", series + ".2")));
    }

    @Test
    void stowRefusesWhatIsNotMultipartRelatedOfDicom() {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "陈静", "1979-02-03");
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), uid(), uid(), uid())
                .monochrome16(4, 4, 1, false).bytes();
        byte[] body = body(part(file));
        given().config(RAW).header("Authorization", Peers.bearer("admin"))
                .contentType("multipart/related; type=\"application/json\"; boundary=" + BOUNDARY).body(body)
                .post("/api/v1/dicom/studies").then().statusCode(415).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Content-Type"));
        given().config(RAW).header("Authorization", Peers.bearer("admin"))
                .contentType("multipart/related; type=\"application/dicom\"").body(body)
                .post("/api/v1/dicom/studies").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Content-Type"));
        // cut before the closing boundary: the whole request is refused, nothing stored
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 10);
        given().config(RAW).header("Authorization", Peers.bearer("admin"))
                .contentType("multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY).body(cut)
                .post("/api/v1/dicom/studies").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        assertEquals(List.of(), Bucket.keys("dicom/" + x.id() + "/"));
        // the upload roles apply: analysts store nothing
        stow("analyst", part(file)).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void studyAndSeriesMetadataListEveryInstance() {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "林涛", "1961-07-08");
        String study = uid();
        for (String series : List.of(study + ".1", study + ".2")) {
            for (String sop : List.of(series + ".1", series + ".2")) {
                upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, sop)
                        .monochrome16(4, 4, 1, false).bytes()).then().statusCode(201);
            }
        }
        Api.as("admin").accept("application/dicom+json").get("/api/v1/dicom/studies/" + study + "/metadata").then()
                .statusCode(200).contentType(containsString("application/dicom+json"))
                .body("$", hasSize(4))
                .body("collect { it['00080018'].Value[0] }", equalTo(List.of(study + ".1.1", study + ".1.2", study + ".2.1",
                        study + ".2.2")))
                .body("collect { it['00100020'].Value[0] }", equalTo(List.of(x.mrn(), x.mrn(), x.mrn(), x.mrn())));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study + ".2/metadata").then()
                .statusCode(200).body("$", hasSize(2))
                .body("collect { it['0020000E'].Value[0] }", equalTo(List.of(study + ".2", study + ".2")));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study + ".9/metadata").then()
                .statusCode(404).contentType("application/problem+json");
        Api.as("admin").get("/api/v1/dicom/studies/" + uid() + "/metadata").then().statusCode(404);
        Api.as("admin").get("/api/v1/dicom/studies/not-a-uid/metadata").then().statusCode(400)
                .body("errors[0].field", equalTo("study"));
        Api.as("analyst").get("/api/v1/dicom/studies/" + study + "/metadata").then().statusCode(403);
    }

    @Test
    void framesAreRenderedAsJpegOrPngAndOtherSyntaxesSayWhyNot() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "高远", "1950-12-01");
        String study = uid();
        String series = study + ".1";
        String base = "/api/v1/dicom/studies/" + study + "/series/" + series + "/instances/";
        // three frames of a windowed CT gradient; frame f adds f HU, so the leftmost column tells the frames apart
        upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".1")
                .monochrome16(24, 400, 3, true).bytes()).then().statusCode(201);
        upload(DicomWriter.ct(DicomWriter.JPEG_BASELINE, x.mrn(), study, series, series + ".2")
                .jpegFrames(60, 80, 2).bytes()).then().statusCode(201);
        upload(DicomWriter.ct(DicomWriter.JPEG_2000, x.mrn(), study, series, series + ".3")
                .jpegFrames(10, 10, 1).bytes()).then().statusCode(201);

        byte[] png1 = Api.as("admin").accept("image/png").get(base + series + ".1/frames/1/rendered").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        byte[] png3 = Api.as("admin").accept("image/png").get(base + series + ".1/frames/3/rendered").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage f1 = ImageIO.read(new ByteArrayInputStream(png1));
        BufferedImage f3 = ImageIO.read(new ByteArrayInputStream(png3));
        assertEquals(400, f1.getWidth());
        assertEquals(24, f1.getHeight());
        // window 40/400: -160 HU is black; frame 3 is 2 HU brighter (one grey level), the right edge white
        assertEquals(0, f1.getRaster().getSample(0, 0, 0));
        assertEquals(1, f3.getRaster().getSample(0, 0, 0));
        assertEquals(255, f1.getRaster().getSample(399, 0, 0));

        byte[] jpeg = Api.as("admin").accept("image/jpeg").get(base + series + ".1/frames/2/rendered").then()
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertEquals(400, ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth());
        // no Accept preference: JPEG; q-values decide
        Api.as("admin").get(base + series + ".1/frames/1/rendered").then().statusCode(200).contentType("image/jpeg");
        Api.as("admin").accept("image/jpeg;q=0.5, image/png").get(base + series + ".1/frames/1/rendered").then()
                .statusCode(200).contentType("image/png");

        // frame 2 of a JPEG baseline multi-frame instance is the second JPEG stream
        byte[] second = Api.as("admin").accept("image/png").get(base + series + ".2/frames/2/rendered").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        BufferedImage b = ImageIO.read(new ByteArrayInputStream(second));
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(DicomWriter.jpeg(60, 80, 1)));
        assertEquals(80, b.getWidth());
        assertEquals(60, b.getHeight());
        assertEquals(expected.getRGB(40, 30), b.getRGB(40, 30));

        Api.as("admin").accept("image/png").get(base + series + ".1/frames/4/rendered").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("frame"));
        Api.as("admin").accept("image/png").get(base + series + ".1/frames/0/rendered").then().statusCode(400)
                .body("errors[0].field", equalTo("frame"));
        Api.as("admin").accept("application/json").get(base + series + ".1/frames/1/rendered").then()
                .statusCode(406).contentType("application/problem+json");
        Api.as("admin").accept("image/png").get(base + series + ".3/frames/1/rendered").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("1.2.840.10008.1.2.4.90"));
        Api.as("pharmacist").accept("image/png").get(base + series + ".1/frames/1/rendered").then().statusCode(403);
    }

    @Test
    void twoConcurrentUploadsOfOneInstanceWithDifferentBytesStoreExactlyOne() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "韩梅", "1988-04-22");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String study = uid();
                String sop = study + ".1.1";
                byte[] a = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                        .monochrome16(64, 64, 1, true).bytes();
                byte[] b = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                        .monochrome16(64, 64, 1, false).bytes();
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> first = pool.submit(() -> {
                    start.await();
                    return upload(a);
                });
                Future<Response> other = pool.submit(() -> {
                    start.await();
                    return upload(b);
                });
                start.countDown();
                Response ra = first.get();
                Response rb = other.get();
                List<Integer> statuses = new ArrayList<>(List.of(ra.statusCode(), rb.statusCode()));
                statuses.sort(null);
                assertEquals(List.of(201, 409), statuses, "round " + round + ": " + ra.asString() + " / "
                        + rb.asString());
                Response loser = ra.statusCode() == 409 ? ra : rb;
                assertEquals("SOPInstanceUID", loser.path("errors[0].field"));
                byte[] winner = ra.statusCode() == 201 ? a : b;
                String key = "dicom/" + x.id() + "/" + study + "/" + study + ".1/" + sop + ".dcm";
                assertEquals(List.of(key), Bucket.keys("dicom/" + x.id() + "/" + study + "/"));
                byte[] stored = Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study
                        + ".1/instances/" + sop + "/file").then().statusCode(200).extract().asByteArray();
                assertArrayEquals(winner, stored);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUploadLargerThanTheMemoryLimitGoesThroughATemporaryFile() {
        // the test profile keeps 1 MB in memory (mdms.dicom.memory-limit) and allows 3 MB (mdms.images.max-size);
        // this one is 2 MB, another 1.5 MB is sent chunked (no Content-Length: buffered first, then read)
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "宋雨", "1999-09-09");
        String study = uid();
        byte[] big = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(512, 512, 4, true).bytes();
        assertTrue(big.length > 2_000_000);
        upload(big).then().statusCode(201).body("sha256", equalTo(sha256(big))).body("frames", equalTo(4));
        byte[] stored = Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study
                + ".1/instances/" + study + ".1.1/file").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(big, stored);

        String chunkedStudy = uid();
        byte[] chunkedFile = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), chunkedStudy, chunkedStudy + ".1",
                chunkedStudy + ".1.1").monochrome16(512, 512, 3, false).bytes();
        Api.as("admin").contentType("application/dicom").body(new ByteArrayInputStream(chunkedFile))
                .post("/api/v1/dicom/instances").then().statusCode(201).body("sha256", equalTo(sha256(chunkedFile)));
        stow("admin", part(big)).then().statusCode(200).body("existing", equalTo(1));

        // above the size limit: 413 naming the file, with a Content-Length (before reading) and without one
        String tooBigStudy = uid();
        byte[] tooBig = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), tooBigStudy, tooBigStudy + ".1",
                tooBigStudy + ".1.1").monochrome16(512, 512, 7, false).bytes();
        upload(tooBig).then().statusCode(413).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"));
        Api.as("admin").contentType("application/dicom").body(new ByteArrayInputStream(tooBig))
                .post("/api/v1/dicom/instances").then().statusCode(413).body("errors[0].field", equalTo("file"));
        stow("admin", part(tooBig)).then().statusCode(200).body("refused", equalTo(1))
                .body("instances[0].status", equalTo(413));
        assertEquals(2, Bucket.keys("dicom/" + x.id() + "/").size());
    }

    @Test
    void deletedInstancesDisappearAreRestoredPurgedAfterRetentionAndScrubbed() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "许安", "1977-03-15");
        String study = uid();
        String series = study + ".1";
        String base = "/api/v1/dicom/studies/" + study + "/series/" + series + "/instances/";
        byte[] kept = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".1")
                .monochrome16(8, 8, 1, true).bytes();
        byte[] gone = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".2")
                .monochrome16(8, 8, 1, true).bytes();
        upload(kept).then().statusCode(201);
        upload(gone).then().statusCode(201);
        String goneKey = "dicom/" + x.id() + "/" + study + "/" + series + "/" + series + ".2.dcm";

        Api.as("admin").delete(base + series + ".2").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        Api.as("nurse").queryParam("reason", "wrong patient").delete(base + series + ".2").then().statusCode(403);
        Api.as("admin").queryParam("reason", "wrong patient").delete(base + series + ".2").then().statusCode(200)
                .body("deletedBy", equalTo("admin")).body("deleteReason", equalTo("wrong patient"));
        Api.as("admin").get(base + series + ".2").then().statusCode(404);
        Api.as("admin").get(base + series + ".2/file").then().statusCode(404);
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + series + "/instances").then()
                .statusCode(200).body("sopInstanceUid", equalTo(List.of(series + ".1")));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/metadata").then().statusCode(200).body("$", hasSize(1));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series").then().statusCode(200)
                .body("[0].instanceCount", equalTo(1));
        // re-sending a deleted instance does not bring it back behind the admins' backs
        upload(gone).then().statusCode(409).body("errors[0].field", equalTo("SOPInstanceUID"));

        Api.as("doctor").post(base + series + ".2/restore").then().statusCode(403);
        Api.as("admin").post(base + series + ".2/restore").then().statusCode(200).body("deletedAt", equalTo(null));
        Api.as("admin").post(base + series + ".2/restore").then().statusCode(409);
        Api.as("admin").get(base + series + ".2/file").then().statusCode(200);

        // deleted again, older than the test profile's retention (3 s): the purge removes the file, the row stays
        Api.as("admin").queryParam("reason", "duplicate").delete(base + series + ".2").then().statusCode(200);
        Thread.sleep(3500);
        Response purge = Api.as("admin").post("/api/v1/admin/images/purge");
        purge.then().statusCode(200);
        assertTrue(purge.jsonPath().getList("findings.key", String.class).contains(goneKey), purge.asString());
        assertEquals(List.of("dicom/" + x.id() + "/" + study + "/" + series + "/" + series + ".1.dcm"),
                Bucket.keys("dicom/" + x.id() + "/"));
        Api.as("admin").post(base + series + ".2/restore").then().statusCode(409)
                .body("detail", containsString("purged"));

        // the scrub re-hashes DICOM files too: a file changed behind the service's back is reported
        String keptKey = "dicom/" + x.id() + "/" + study + "/" + series + "/" + series + ".1.dcm";
        byte[] tampered = kept.clone();
        tampered[tampered.length - 1] ^= 0x55;
        Bucket.put(keptKey, tampered);
        Response scrub = Api.as("admin").post("/api/v1/admin/images/scrub");
        scrub.then().statusCode(200);
        List<Map<String, Object>> findings = scrub.jsonPath().getList("findings");
        assertTrue(findings.stream().anyMatch(f -> keptKey.equals(f.get("key"))
                && "DICOM_SHA256_MISMATCH".equals(f.get("problem"))
                && sha256(kept).equals(f.get("expectedSha256"))), findings.toString());
        Api.as("admin").get(base + series + ".1").then().statusCode(200).body("integrityOk", equalTo(false));
        Bucket.put(keptKey, kept);
    }

    @Test
    void newSeriesAreAcceptedOnceStudyIdsPass127() {
        // every upload's get-or-create of its study takes an AUTO_INCREMENT value, so 130 instances push the next
        // study's id past 127, where comparing two Long ids with != once refused every new series with a false 409
        DicomFixtures.Patient x = newPatient("MRN-WEB-", "曹宁", "1983-08-08");
        String study = uid();
        List<byte[]> parts = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            parts.add(part(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1." + i)
                    .monochrome16(2, 2, 1, false).bytes()));
        }
        stow("admin", parts.toArray(new byte[0][])).then().statusCode(200).body("stored", equalTo(130));
        String next = uid();
        upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), next, next + ".1", next + ".1.1")
                .monochrome16(2, 2, 1, false).bytes()).then().statusCode(201);
        upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), next, next + ".2", next + ".2.1")
                .monochrome16(2, 2, 1, false).bytes()).then().statusCode(201);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static byte[] part(byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Content-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(file);
        return out.toByteArray();
    }

    private static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Response stow(String user, byte[]... parts) {
        return given().config(RAW).header("Authorization", Peers.bearer(user))
                .contentType("multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY)
                .body(body(parts)).post("/api/v1/dicom/studies");
    }




    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
