package org.mdms.imaging.image;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection with real peers (see {@link ImagingPeersResource}): the real S3Proxy and MariaDB are taken away
 * by cutting the TCP link in front of them (before and in the middle of an upload), the real patient-service by
 * stopping its process. Every case must end with a clear problem+json error and nothing left behind.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageFaultTest {

    /** The demo doctor and technician upload for P: they treat P through real records in patient-service. */
    @org.junit.jupiter.api.BeforeEach
    void careTeam() {
        Peers.careTeamOfP();
    }

    @AfterEach
    void heal() throws java.io.IOException {
        ImagingPeersResource.s3Link().restore();
        ImagingPeersResource.dbLink().restore();
    }

    @Test
    @Order(1)
    void storageDownBeforeUploadGives503AndNothingStored() throws Exception {
        Snapshot before = Snapshot.take();
        ImagingPeersResource.s3Link().cut();
        Api.upload("doctor", TestImages.jpeg(400, 300), "a.jpg", "image/jpeg", Api.fields(Peers.patientP(), "OTHER"))
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("object storage"));
        heal();
        before.assertUnchanged();
    }

    @Test
    @Order(2)
    void storageDiesMidUploadThenReconcilerRemovesWhatCompensationCouldNot() throws Exception {
        // start from a bucket without strays (the bucket outlives test runs; the database is fresh each time)
        Api.as("admin").post("/api/v1/admin/images/reconcile").then().statusCode(200);
        Snapshot before = Snapshot.take();
        // the original (about 150 KB) goes through, then the store vanishes while the derived images are written
        byte[] bytes = TestImages.jpeg(TestImages.noisy(900, 700, 5, 30), 0.95f);
        ImagingPeersResource.s3Link().cutAfterUpstreamBytes(bytes.length / 2);
        Api.upload("doctor", bytes, "a.jpg", "image/jpeg", Api.fields(Peers.patientP(), "OTHER"))
                .then().statusCode(503).contentType("application/problem+json");
        heal();
        // no row was written; whatever object the compensating delete could not reach is a stray now
        assertEquals(before.rows(), Snapshot.countRows());
        Api.as("admin").post("/api/v1/admin/images/reconcile").then().statusCode(200);
        before.assertUnchanged();
    }

    @Test
    @Order(3)
    void databaseDownBeforeUploadGives503AndNothingStored() throws Exception {
        Snapshot before = Snapshot.take();
        ImagingPeersResource.dbLink().cut();
        Api.upload("doctor", TestImages.jpeg(400, 300), "a.jpg", "image/jpeg", Api.fields(Peers.patientP(), "OTHER"))
                .then().statusCode(503).contentType("application/problem+json");
        ImagingPeersResource.dbLink().restore();
        before.assertUnchangedAfterHeal();
    }

    @Test
    @Order(4)
    void databaseDiesWhileObjectsAreWrittenCompensationDeletesThem() throws Exception {
        Snapshot before = Snapshot.take();
        // the moment the service starts sending the picture to S3, the database goes away: the id is taken, the
        // objects get written, the row insert fails -> the objects must be deleted again
        ImagingPeersResource.s3Link().onUpstreamData(() -> ImagingPeersResource.dbLink().cut());
        Api.upload("doctor", TestImages.jpeg(600, 400), "a.jpg", "image/jpeg", Api.fields(Peers.patientP(), "OTHER"))
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("database"));
        ImagingPeersResource.dbLink().restore();
        before.assertUnchangedAfterHeal();
    }

    @Test
    @Order(5)
    void patientServiceDownGives503AndNothingStoredThenRecovers() throws Exception {
        Snapshot before = Snapshot.take();
        PatientServiceResource.stopPatientService();
        try {
            Api.upload("doctor", TestImages.jpeg(400, 300), "a.jpg", "image/jpeg",
                            Api.fields(Peers.patientP(), "OTHER"))
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("status", equalTo(503)).body("detail", containsString("patient-service"));
            before.assertUnchanged();
        } finally {
            PatientServiceResource.startPatientService();
        }
        // the circuit breaker lets calls through again after its delay
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 201) {
            status = Api.upload("doctor", TestImages.jpeg(100, 100), "a.jpg", "image/jpeg",
                    Api.fields(Peers.patientP(), "OTHER")).statusCode();
            if (status != 201) {
                Thread.sleep(1000);
            }
        }
        assertEquals(201, status);
    }

    /** Rows and objects as they were before the failing upload. */
    record Snapshot(long rows, Set<String> objects) {

        static Snapshot take() {
            return new Snapshot(countRows(), new HashSet<>(Bucket.all()));
        }

        static long countRows() {
            return Api.as("admin").get("/api/v1/images?size=1").then().statusCode(200).extract().jsonPath()
                    .getLong("totalItems");
        }

        void assertUnchanged() {
            assertEquals(objects, new HashSet<>(Bucket.all()), "objects left behind");
            assertEquals(rows, countRows(), "rows left behind");
        }

        void assertUnchangedAfterHeal() {
            // the pool reconnects on its own once the database is back
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                if (Api.as("admin").get("/api/v1/images?size=1").statusCode() == 200) {
                    break;
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertUnchanged();
            List<String> leftovers = Bucket.all().stream().filter(k -> !objects.contains(k)).toList();
            assertTrue(leftovers.isEmpty(), "leftovers: " + leftovers);
        }
    }
}
