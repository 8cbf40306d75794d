package org.mdms.imaging.image;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access matrix: every demo role x the patient they are linked to (P: the demo patient, treated by the demo
 * doctor through a real visit) or another patient (Q) x PUBLIC/PRIVATE, for metadata, content, thumbnail,
 * presigned URL and search. Real peers (see {@link ImagingPeersResource}): the relation comes from the real
 * patient-service's {@code /api/v1/patients/{id}/access}, with the caller's own token.
 */
@QuarkusTest
class ImageAccessTest {

    static final List<String> USERS = List.of("admin", "doctor", "nurse", "pharmacist", "technician", "analyst", "patient");
    static long p;
    static long q;
    static final Map<String, Long> images = new java.util.HashMap<>();

    /** Once per class, but in @BeforeEach: RestAssured points at the app only once Quarkus has started. */
    @BeforeEach
    void images() {
        if (!images.isEmpty()) {
            return;
        }
        p = Peers.patientP();
        q = Peers.patientQ();
        Peers.visitOfP();
        images.put("P-PRIVATE", Api.uploadJpeg("admin", p, "PRIVATE"));
        images.put("P-PUBLIC", Api.uploadJpeg("admin", p, "PUBLIC"));
        images.put("Q-PRIVATE", Api.uploadJpeg("admin", q, "PRIVATE"));
        images.put("Q-PUBLIC", Api.uploadJpeg("admin", q, "PUBLIC"));
    }

    @Test
    void fixedCellsOfTheMatrix() {
        // admin: everything; the patient: own private yes, other's private no; PUBLIC: everyone signed in
        for (String image : images.keySet()) {
            Api.as("admin").get("/api/v1/images/" + images.get(image)).then().statusCode(200);
        }
        Api.as("patient").get("/api/v1/images/" + images.get("P-PRIVATE")).then().statusCode(200);
        Api.as("patient").get("/api/v1/images/" + images.get("Q-PRIVATE")).then().statusCode(403)
                .contentType("application/problem+json");
        Api.as("patient").get("/api/v1/images/" + images.get("Q-PUBLIC")).then().statusCode(200);
        // the doctor treats P (a real visit in patient-service) and not Q
        assertEquals("TREATING", Peers.relation("doctor", p));
        Api.as("doctor").get("/api/v1/images/" + images.get("P-PRIVATE") + "/content").then().statusCode(200);
        Api.as("doctor").get("/api/v1/images/" + images.get("Q-PRIVATE") + "/content").then().statusCode(403);
        Api.as("analyst").get("/api/v1/images/" + images.get("P-PRIVATE")).then().statusCode(403);
        Api.as("analyst").get("/api/v1/images/" + images.get("P-PUBLIC")).then().statusCode(200);
        // no token at all
        io.restassured.RestAssured.given().get("/api/v1/images/" + images.get("P-PUBLIC")).then().statusCode(401);
    }

    @Test
    void wholeMatrixFollowsTheRelationPatientServiceReports() {
        List<String> mismatches = new ArrayList<>();
        for (String user : USERS) {
            Map<Long, Boolean> seesPrivate = Map.of(p, mayReadPrivate(user, p), q, mayReadPrivate(user, q));
            for (Map.Entry<String, Long> image : images.entrySet()) {
                long patient = image.getKey().startsWith("P") ? p : q;
                boolean expected = image.getKey().endsWith("PUBLIC") || seesPrivate.get(patient);
                int want = expected ? 200 : 403;
                long id = image.getValue();
                for (String path : List.of("", "/content", "/thumbnail", "/preview", "/url")) {
                    int got = Api.as(user).get("/api/v1/images/" + id + path).statusCode();
                    if (got != want) {
                        mismatches.add(user + " " + image.getKey() + path + ": " + got + " not " + want);
                    }
                }
                // search shows exactly the images the user may see
                boolean listed = Api.as(user).queryParam("patientId", patient).queryParam("size", 100)
                        .get("/api/v1/images").then().statusCode(200).extract().jsonPath()
                        .getList("items.id", Long.class).contains(id);
                if (listed != expected) {
                    mismatches.add(user + " search " + image.getKey() + ": listed=" + listed);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @Test
    void changesNeedARelationToo() {
        long id = Api.uploadJpeg("admin", q, "PUBLIC");
        // the doctor does not treat Q: may read the PUBLIC image but not change or delete it
        Api.as("doctor").get("/api/v1/images/" + id).then().statusCode(200);
        Api.as("doctor").contentType("application/json").body(Map.of("title", "x")).patch("/api/v1/images/" + id)
                .then().statusCode(403);
        Api.as("doctor").queryParam("reason", "x").delete("/api/v1/images/" + id).then().statusCode(403);
        Api.as("patient").queryParam("reason", "x").delete("/api/v1/images/" + id).then().statusCode(403);
    }

    private static boolean mayReadPrivate(String user, long patientId) {
        if (user.equals("admin")) {
            return true;
        }
        return Set.of("SELF", "TREATING", "ADMIN").contains(Peers.relation(user, patientId));
    }
}
