package org.mdms.imaging.dicom;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.local.testing.DicomWriter;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DICOM ingest's database writes through the HTTP API against the real peers: the upload's answer is the stored
 * row, concurrent re-sends of one instance store one row with one UPLOAD entry, a series of another study is a 409
 * that leaves nothing behind, a failed upload gives its SOP Instance UID back at once, and stale claims are swept.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class DicomIngestTest {



    @Inject
    DicomQueries queries;

    @Inject
    Pool pool;

    @BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    @AfterEach
    void heal() throws java.io.IOException {
        ImagingPeersResource.s3Link().restore();
    }

    @Test
    void theUploadsAnswerIsTheRowAsReadBack() {
        DicomFixtures.Patient x = newPatient("MRN-ING-", "周岚", "1975-05-06");
        String study = uid();
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", study + ".1.1")
                .monochrome16(16, 16, 1, true).bytes();
        Map<String, Object> answered = upload(file).then().statusCode(201).extract().jsonPath().getMap("$");
        List<Map<String, Object>> listed = Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study
                + ".1/instances").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, listed.size());
        // the answer is built from what was inserted, not read back: it must say what a later read says (the status
        // may have moved on from PENDING by then)
        Map<String, Object> read = new java.util.HashMap<>(listed.get(0));
        Map<String, Object> sent = new java.util.HashMap<>(answered);
        assertEquals("PENDING", sent.remove("thumbnailStatus"));
        read.remove("thumbnailStatus");
        assertEquals(read, sent);
        // the resend reads the stored row: the same instance again
        Map<String, Object> again = upload(file).then().statusCode(200).extract().jsonPath().getMap("$");
        again.remove("thumbnailStatus");
        assertEquals(read, again);
    }

    @Test
    void concurrentResendsOfOneInstanceStoreOneRowWithOneUploadEntry() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-ING-", "方舟", "1969-07-08");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String study = uid();
                String sop = study + ".1.1";
                byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                        .monochrome16(32, 32, 1, true).bytes();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sent.add(threads.submit(() -> {
                        start.await();
                        return upload(file);
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<Response> f : sent) {
                    Response r = f.get();
                    assertTrue(r.statusCode() == 201 || r.statusCode() == 200, "round " + round + ": "
                            + r.statusCode() + " " + r.asString());
                    assertEquals(sop, r.path("sopInstanceUid"));
                    created += r.statusCode() == 201 ? 1 : 0;
                }
                assertTrue(created >= 1, "round " + round + ": no upload answered 201");
                Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study + ".1/instances").then()
                        .statusCode(200).body("size()", equalTo(1));
                assertEquals(List.of("dicom/" + x.id() + "/" + study + "/" + study + ".1/" + sop + ".dcm"),
                        Bucket.keys("dicom/" + x.id() + "/" + study + "/"));
                long entries = given().header("Authorization", Peers.bearer("admin"))
                        .queryParam("patientId", x.id()).queryParam("action", "UPLOAD").queryParam("size", 100)
                        .get("/api/v1/images/audit").then().statusCode(200).extract().jsonPath()
                        .getList("items.detail", String.class).stream()
                        .filter(d -> d.startsWith("SOPInstanceUID " + sop)).count();
                assertEquals(1, entries, "round " + round + ": UPLOAD entries of " + sop);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSeriesOfAnotherStudyIs409AndLeavesNoStudyRowNorFile() {
        DicomFixtures.Patient x = newPatient("MRN-ING-", "邓岩", "1981-11-12");
        String study = uid();
        String series = study + ".1";
        upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, series, series + ".1")
                .monochrome16(4, 4, 1, false).bytes()).then().statusCode(201);

        String otherStudy = uid();
        upload(DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), otherStudy, series, series + ".2")
                .monochrome16(4, 4, 1, false).bytes()).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("SeriesInstanceUID"));
        // the study the refused upload named was not left behind, nor its file
        Api.as("admin").queryParam("patientId", x.id()).get("/api/v1/dicom/studies").then().statusCode(200)
                .body("items.studyInstanceUid", hasItem(study))
                .body("items.studyInstanceUid", not(hasItem(otherStudy)));
        assertEquals(List.of(), Bucket.keys("dicom/" + x.id() + "/" + otherStudy + "/"));
        Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + series + "/instances").then()
                .statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void anUploadThatFailsOnStorageGivesItsSopInstanceUidBack() throws Exception {
        DicomFixtures.Patient x = newPatient("MRN-ING-", "龚雪", "1992-03-14");
        String study = uid();
        String sop = study + ".1.1";
        byte[] first = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                .monochrome16(8, 8, 1, true).bytes();
        byte[] other = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                .monochrome16(8, 8, 1, false).bytes();
        ImagingPeersResource.s3Link().cut();
        upload(first).then().statusCode(503).contentType("application/problem+json");
        heal();
        assertEquals(0, claims(sop));
        assertEquals(List.of(), Bucket.keys("dicom/" + x.id() + "/" + study + "/"));
        // other bytes under that UID are not held off by the failed upload's claim
        upload(other).then().statusCode(201);
        assertArrayEquals(other, Api.as("admin").get("/api/v1/dicom/studies/" + study + "/series/" + study
                + ".1/instances/" + sop + "/file").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void aStoredInstanceKeepsItsClaimUntilTheSweepAndStillRefusesOtherBytes() {
        DicomFixtures.Patient x = newPatient("MRN-ING-", "韦青", "1987-09-10");
        String study = uid();
        String sop = study + ".1.1";
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                .monochrome16(8, 8, 1, true).bytes();
        byte[] changed = DicomWriter.ct(DicomWriter.EXPLICIT_LE, x.mrn(), study, study + ".1", sop)
                .monochrome16(8, 8, 1, false).bytes();
        upload(file).then().statusCode(201);
        assertEquals(1, claims(sop));
        // a recent claim is kept by the sweep; one older than the takeover age goes
        queries.sweepClaims(Instant.now().minus(Duration.ofMinutes(15))).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, claims(sop));
        queries.sweepClaims(Instant.now().plus(Duration.ofMinutes(1))).await().atMost(Duration.ofSeconds(10));
        assertEquals(0, claims(sop));
        // without a claim the stored row still decides: same bytes are the stored instance, other bytes a 409
        upload(changed).then().statusCode(409).body("errors[0].field", equalTo("SOPInstanceUID"));
        upload(file).then().statusCode(200);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private long claims(String sop) {
        return pool.preparedQuery("SELECT COUNT(*) AS n FROM dicom_instance_claim WHERE sop_uid = ?")
                .execute(Tuple.of(sop)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }



}
