package org.mdms.imaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged imaging-service (target/quarkus-app, profile prod) against the embedded MariaDB, S3Proxy and the real
 * patient-service of {@link ImagingPeersResource}: ready with its peers, an upload stored in the bucket and read back
 * byte for byte, refusals as problem+json.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class ImagingServiceIT {

    @Test
    void isReadyWithItsDatabaseAndStore() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void anUploadIsStoredAndReadBackByteForByte() throws InterruptedException {
        byte[] bytes = TestImages.jpeg(640, 400);
        long patient = Peers.patientP();
        long id = Api.upload("admin", bytes, "scan.jpg", "image/jpeg", Api.fields(patient, "DIAGNOSTIC_IMAGE"))
                .then().statusCode(201).body("sizeBytes", equalTo(bytes.length))
                // profile prod renders after the upload by default (mdms.imaging.thumbnails.mode=async)
                .body("thumbnailStatus", equalTo("PENDING")).extract().jsonPath().getLong("id");
        assertTrue(Bucket.keys("originals/" + patient + "/").stream().anyMatch(k -> k.endsWith("/" + id + ".jpg")),
                "the original is in the bucket");
        assertArrayEquals(bytes, Api.as("admin").get("/api/v1/images/" + id + "/content").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray());
        long until = System.currentTimeMillis() + 60_000;
        String status = "PENDING";
        while ("PENDING".equals(status) && System.currentTimeMillis() < until) {
            Thread.sleep(200);
            status = Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200).extract()
                    .path("thumbnailStatus");
        }
        assertEquals("READY", status, "the thumbnail is rendered after the upload");
        Api.as("admin").get("/api/v1/images/" + id + "/thumbnail").then().statusCode(200).contentType("image/jpeg");
        Api.as("admin").queryParam("patientId", patient).get("/api/v1/images").then().statusCode(200)
                .body("items.id", hasItem((int) id));
    }

    @Test
    void badUploadsAndMissingTokensAreRefusedWithProblemJson() {
        Api.upload("admin", null, null, null, Api.fields(Peers.patientP(), "DIAGNOSTIC_IMAGE")).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("file"));
        Api.upload("admin", TestImages.jpeg(64, 64), "scan.jpg", "image/jpeg", Map.of("patientId",
                Long.toString(Peers.patientP()), "category", "NOT_A_CATEGORY")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("category"));
        given().get("/api/v1/images").then().statusCode(401);
    }
}
