package org.mdms.imaging.dicom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.mdms.imaging.dicom.DicomFixtures.newPatient;
import static org.mdms.imaging.dicom.DicomFixtures.uid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DICOM through the HTTP API against the real peers (embedded MariaDB, S3Proxy, the packaged patient-service): files
 * written by {@link DicomWriter}, patients created in patient-service, objects checked in the bucket.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class DicomTest {

    private static final String DICOM = "application/dicom";

    /** A patient of patient-service and its MRN. */

    @BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    @Test
    void uploadStoresIndexesAndServesTheInstance() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "张伟", "1980-05-17");
        String study = uid();
        String series = study + ".1";
        String sop = series + ".1";
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, sop)
                .sequence(0x00081032, "CT0001").monochrome16(64, 48, 1, true).bytes();

        Response created = upload("admin", file);
        created.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/dicom/studies/" + study + "/series/" + series + "/instances/" + sop))
                .body("patientId", equalTo((int) x.id()))
                .body("studyInstanceUid", equalTo(study))
                .body("seriesInstanceUid", equalTo(series))
                .body("sopInstanceUid", equalTo(sop))
                .body("transferSyntaxUid", equalTo(DicomWriter.EXPLICIT_LE))
                .body("rows", equalTo(64)).body("columns", equalTo(48)).body("frames", equalTo(1))
                .body("sizeBytes", equalTo(file.length))
                .body("sha256", equalTo(sha256(file)))
                .body("patientName", equalTo("张^伟"))
                .body("identityNote", nullValue())
                .body("uploadedBy", equalTo("admin"));

        String key = "dicom/" + x.id() + "/" + study + "/" + series + "/" + sop + ".dcm";
        assertEquals(List.of(key), Bucket.keys("dicom/" + x.id() + "/"));
        // written through a presigned PUT URL: the store keeps the Content-Type sent beside the signature
        assertEquals("application/dicom", Bucket.contentType(key));
        String instance = "/api/v1/dicom/studies/" + study + "/series/" + series + "/instances/" + sop;

        byte[] downloaded = Api.as("admin").accept(DICOM).get(instance + "/file").then().statusCode(200)
                .contentType(DICOM).header("ETag", "\"" + sha256(file) + "\"").extract().asByteArray();
        assertArrayEquals(file, downloaded);

        Api.as("admin").get(instance + "/metadata").then().statusCode(200)
                .body("[0].'00100020'.vr", equalTo("LO"))
                .body("[0].'00100020'.Value[0]", equalTo(x.mrn()))
                .body("[0].'00100010'.Value[0].Alphabetic", equalTo("张^伟"))
                .body("[0].'00080060'.Value[0]", equalTo("CT"))
                .body("[0].'00280010'.Value[0]", equalTo(64))
                .body("[0].'0020000D'.Value[0]", equalTo(study))
                .body("[0].'00081030'.Value[0]", equalTo("胸部CT平扫"));

        Api.as("admin").queryParam("patientId", x.id()).get("/api/v1/dicom/studies").then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].studyInstanceUid", equalTo(study))
                .body("items[0].studyDate", equalTo("2026-11-15"))
                .body("items[0].description", equalTo("胸部CT平扫"))
                .body("items[0].modalities", equalTo(List.of("CT")))
                .body("items[0].seriesCount", equalTo(1))
                .body("items[0].instanceCount", equalTo(1));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].seriesInstanceUid", equalTo(series))
                .body("[0].modality", equalTo("CT"))
                .body("[0].bodyPartExamined", equalTo("CHEST"))
                .body("[0].instanceCount", equalTo(1));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + series + "/instances").then()
                .statusCode(200).body("size()", equalTo(1)).body("[0].sopInstanceUid", equalTo(sop));

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(readyThumbnail(instance)));
        assertEquals(256, Math.max(thumbnail.getWidth(), thumbnail.getHeight()));
        assertEquals(48 * 256 / 64, thumbnail.getWidth(), 1);
        // window 40/400 over a gradient from -160 to 240 HU: black at the left edge, white at the right
        assertTrue((thumbnail.getRGB(1, 100) & 0xFF) < 30, "left edge dark");
        assertTrue((thumbnail.getRGB(thumbnail.getWidth() - 2, 100) & 0xFF) > 225, "right edge bright");
        assertTrue(Bucket.exists(Bucket.keys("dicom-thumbnails/").stream().filter(k -> k.endsWith("-256.jpg"))
                .findFirst().orElseThrow()));

        Api.as("admin").queryParam("patientId", x.id()).get("/api/v1/images/audit").then().statusCode(200)
                .body("items.findAll { it.resourceType == 'DICOM_INSTANCE' }.action", hasItem("UPLOAD"))
                .body("items.findAll { it.resourceType == 'DICOM_INSTANCE' }.action", hasItem("DOWNLOAD"))
                .body("items.findAll { it.resourceType == 'DICOM_STUDY' }.action", hasItem("LIST"));
    }

    @Test
    void resendingIsIdempotentAndOtherBytesUnderTheSameSopUidConflict() {
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "李娜", "1990-01-02");
        String study = uid();
        byte[] file = DicomWriter.ct(DicomWriter.IMPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(8, 8, 1, false).bytes();
        upload("admin", file).then().statusCode(201);
        upload("admin", file).then().statusCode(200).body("sha256", equalTo(sha256(file)))
                .header("Location", nullValue());

        byte[] changed = DicomWriter.ct(DicomWriter.IMPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(8, 9, 1, false).bytes();
        upload("admin", changed).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("SOPInstanceUID"));
        // the stored file is still the first one
        String instance = "/api/v1/dicom/studies/" + study + "/series/" + study + ".1/instances/" + study + ".1.1";
        assertArrayEquals(file, Api.as("admin").get(instance + "/file").then().statusCode(200).extract().asByteArray());
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study + ".1/instances").then()
                .body("size()", equalTo(1));
    }

    @Test
    void theMrnDecidesAndAnUnknownMrnIs422NamingPatientId() {
        String study = uid();
        byte[] unknown = DicomWriter.ct(DicomWriter.EXPLICIT_LE, "MRN-NOBODY-" + study, study, study + ".1",
                study + ".1.1").monochrome16(4, 4, 1, false).bytes();
        upload("admin", unknown).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("PatientID"))
                .body("detail", containsString("PatientID (0010,0020)"));
        assertTrue(Bucket.keys("dicom/").stream().noneMatch(k -> k.contains(study)));

        // another name and birth date than the record's: stored for the MRN's patient, the difference noted
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "王芳", "1970-03-04");
        String other = uid();
        byte[] mismatch = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), other, other + ".1", other + ".1.1")
                .monochrome16(4, 4, 1, false).bytes();
        upload("admin", mismatch).then().statusCode(201)
                .body("patientId", equalTo((int) x.id()))
                .body("identityNote", containsString("PatientName (0010,0010) '张^伟' differs from the record's name '王芳'"))
                .body("identityNote", containsString("PatientBirthDate (0010,0030) 19800517 differs"));
    }

    @Test
    void brokenFilesAreProblemsNamingWhatIsWrongAndNothingIsStored() {
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "赵敏", "1985-06-07");
        String study = uid();
        DicomWriter ct = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1");
        refused(ct.bytes(DicomWriter.EXPLICIT_LE, "DICX"), 415, "preamble");
        refused("%PDF-1.7\n not DICOM".getBytes(), 415, "preamble");
        refused(ct.bytes(DicomWriter.EXPLICIT_BE, "DICM"), 415, "TransferSyntaxUID");
        byte[] whole = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(16, 16, 1, true).bytes();
        refused(java.util.Arrays.copyOf(whole, whole.length - 10), 400, "PixelData (7FE0,0010)");
        byte[] twoGigabytes = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .header(0x7FE00010, "OW", 0x80000000L).raw(new byte[256]).bytes();
        refused(twoGigabytes, 400, "PixelData (7FE0,0010)");
        refused(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", "../../etc/passwd")
                .monochrome16(4, 4, 1, false).bytes(), 400, "SOPInstanceUID");
        refused(DicomWriter.of(DicomWriter.EXPLICIT_LE).text(0x00100020, "LO", x.mrn()).bytes(), 400,
                "StudyInstanceUID");
        Api.as("admin").contentType(DICOM).body(new byte[0]).post("/api/v1/dicom/instances").then().statusCode(400)
                .body("errors[0].field", equalTo("file"));
        assertEquals(List.of(), Bucket.keys("dicom/" + x.id() + "/"));
    }

    @Test
    void implicitMultiFrameAndJpegBaselineGetThumbnailsOtherSyntaxesSayWhyNot() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "孙丽", "1992-09-10");
        String study = uid();
        String base = "/api/v1/dicom/studies/" + study + "/series/" + study + ".1/instances/";
        upload("admin", DicomWriter.ct(DicomWriter.IMPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(30, 40, 4, false).bytes()).then().statusCode(201).body("frames", equalTo(4));
        upload("admin", DicomWriter.ct(DicomWriter.JPEG_BASELINE, x.mrn(), study, study + ".1", study + ".1.2")
                .jpegFrames(60, 80, 2).bytes()).then().statusCode(201)
                .body("transferSyntaxUid", equalTo(DicomWriter.JPEG_BASELINE));
        upload("admin", DicomWriter.ct(DicomWriter.JPEG_2000, x.mrn(), study, study + ".1", study + ".1.3")
                .jpegFrames(10, 10, 1).bytes()).then().statusCode(201)
                .body("thumbnailStatus", equalTo("NONE"))
                .body("thumbnailNote", containsString("1.2.840.10008.1.2.4.90"));

        BufferedImage multi = ImageIO.read(new ByteArrayInputStream(readyThumbnail(base + study + ".1.1")));
        assertEquals(256, multi.getWidth());
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(readyThumbnail(base + study + ".1.2")));
        assertEquals(256, jpeg.getWidth());
        assertEquals(192, jpeg.getHeight());
        Api.as("admin").get(base + study + ".1.3/thumbnail").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not rendered"));
        Api.as("admin").get(base + study + ".1.3").then().statusCode(200).body("thumbnailStatus", equalTo("NONE"));
    }

    @Test
    void studiesByPatientDateRangeAndModalityPaged() {
        DicomFixtures.Patient x = newPatient("MRN-DCM-", "周杰", "1966-11-12");
        String ct = uid();
        String mr = uid();
        upload("admin", DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), ct, ct + ".1", ct + ".1.1")
                .monochrome16(4, 4, 1, false).bytes()).then().statusCode(201);
        byte[] mrFile = DicomWriter.of(DicomWriter.EXPLICIT_LE)
                .text(0x00080018, "UI", mr + ".1.1").text(0x00080020, "DA", "20250301").text(0x00080060, "CS", "MR")
                .text(0x00100020, "LO", x.mrn()).text(0x0020000D, "UI", mr).text(0x0020000E, "UI", mr + ".1")
                .bytes();
        upload("admin", mrFile).then().statusCode(201).body("thumbnailStatus", equalTo("NONE"));

        Api.as("admin").queryParam("patientId", x.id()).get("/api/v1/dicom/studies").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.studyInstanceUid", equalTo(List.of(ct, mr)));
        Api.as("admin").queryParam("patientId", x.id()).queryParam("modality", "MR").get("/api/v1/dicom/studies")
                .then().body("items.studyInstanceUid", equalTo(List.of(mr)));
        Api.as("admin").queryParam("patientId", x.id()).queryParam("from", "2026-01-01").get("/api/v1/dicom/studies")
                .then().body("items.studyInstanceUid", equalTo(List.of(ct)));
        Api.as("admin").queryParam("patientId", x.id()).queryParam("to", "2025-12-31").get("/api/v1/dicom/studies")
                .then().body("items.studyInstanceUid", equalTo(List.of(mr)));
        Api.as("admin").queryParam("patientId", x.id()).queryParam("size", 1).queryParam("page", 1)
                .queryParam("sort", "studyDate,asc").get("/api/v1/dicom/studies").then()
                .body("items.studyInstanceUid", equalTo(List.of(ct))).body("totalPages", equalTo(2));
        Api.as("admin").queryParam("from", "2026-13-01").queryParam("modality", "ct scan").queryParam("size", 0)
                .get("/api/v1/dicom/studies").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("from", "modality", "size")));
        Api.as("doctor").get("/api/v1/dicom/studies").then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        Api.as("admin").get("/api/v1/dicom/studies/1.2.3.404/series").then().statusCode(404);
    }

    @Test
    void theSameAccessRulesAsPrivateImages() {
        long p = Peers.patientP();
        String mrnP = given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin"))
                .get("/api/v1/patients/" + p).then().statusCode(200).extract().path("mrn");
        String study = uid();
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, mrnP, study, study + ".1", study + ".1.1")
                .monochrome16(4, 4, 1, false).bytes();
        // the technician treats P (an examination), so may add P's images
        upload("technician", file).then().statusCode(201).body("uploadedBy", equalTo("technician"));
        upload("pharmacist", file).then().statusCode(403);
        upload("patient", file).then().statusCode(403);
        DicomFixtures.Patient untreated = newPatient("MRN-DCM-", "钱进", "1955-05-05");
        String other = uid();
        upload("technician", DicomWriter.ct(DicomWriter.EXPLICIT_LE, untreated.mrn(), other, other + ".1",
                other + ".1.1").monochrome16(4, 4, 1, false).bytes()).then().statusCode(403);
        assertFalse(Bucket.keys("dicom/" + untreated.id() + "/").iterator().hasNext());

        String instance = "/api/v1/dicom/studies/" + study + "/series/" + study + ".1/instances/" + study + ".1.1";
        for (String reader : List.of("admin", "doctor", "nurse", "technician", "patient")) {
            Api.as(reader).get(instance).then().statusCode(200);
        }
        for (String refused : List.of("pharmacist", "analyst")) {
            Api.as(refused).get(instance).then().statusCode(403);
            Api.as(refused).get(instance + "/file").then().statusCode(403).contentType("application/problem+json");
        }
        Api.as("patient").get("/api/v1/dicom/studies").then().statusCode(200)
                .body("items.studyInstanceUid", hasItem(study));
        Api.as("patient").queryParam("patientId", untreated.id()).get("/api/v1/dicom/studies").then().statusCode(403);
        Api.as("doctor").queryParam("patientId", untreated.id()).get("/api/v1/dicom/studies").then().statusCode(403);
        given().get(instance).then().statusCode(401);

        // a study UID already used for another patient is refused
        upload("admin", DicomWriter.ct(DicomWriter.EXPLICIT_LE, untreated.mrn(), study, study + ".9", study + ".9.1")
                .monochrome16(4, 4, 1, false).bytes()).then().statusCode(409)
                .body("errors[0].field", equalTo("StudyInstanceUID"));
        assertFalse(Bucket.keys("dicom/" + untreated.id() + "/").iterator().hasNext());
        Api.as("admin").queryParam("patientId", p).queryParam("action", "DENIED").get("/api/v1/images/audit").then()
                .statusCode(200).body("items.findAll { it.resourceType == 'DICOM_INSTANCE' }.detail", hasItem("READ"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Response upload(String user, byte[] file) {
        return Api.as(user).contentType(DICOM).body(file).post("/api/v1/dicom/instances");
    }

    private static void refused(byte[] file, int status, String field) {
        upload("admin", file).then().statusCode(status).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    /** Polls the instance until its thumbnail is READY (the worker renders after the upload), then fetches it. */
    private static byte[] readyThumbnail(String instance) throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        String status = null;
        while (System.currentTimeMillis() < until) {
            status = Api.as("admin").get(instance).then().statusCode(200).extract().path("thumbnailStatus");
            if (!"PENDING".equals(status)) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals("READY", status, instance);
        return Api.as("admin").get(instance + "/thumbnail").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
    }



    private static String sha256(byte[] bytes) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
