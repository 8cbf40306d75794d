package org.mdms.imaging.image;

import org.mdms.local.testing.ReadmeTable;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;

/**
 * The image cells of the access matrix, checked against the real patient-service (see {@link ImagingPeersResource}):
 * every demo role x a patient they treat (P: the demo patient, treated by the demo doctor, nurse, technician and
 * pharmacist through real records), one nobody treats (Q), and for the patient role their own record (P; both
 * other columns are then Q). The table is read from the README itself.
 */
@QuarkusTest
class ImageAccessTest {

    /** The access matrix exactly as the README shows it. */
    static final String MATRIX = ReadmeTable.read("| role | patient | read a private image |");

    static long p;
    static long q;
    static final Map<String, Long> images = new HashMap<>();

    /** Once per class, but in @BeforeEach: RestAssured points at the app only once Quarkus has started. */
    @BeforeEach
    void images() {
        if (!images.isEmpty()) {
            return;
        }
        p = Peers.patientP();
        q = Peers.patientQ();
        Peers.careTeamOfP();
        images.put(p + "-PRIVATE", Api.uploadJpeg("admin", p, "PRIVATE"));
        images.put(p + "-PUBLIC", Api.uploadJpeg("admin", p, "PUBLIC"));
        images.put(q + "-PRIVATE", Api.uploadJpeg("admin", q, "PRIVATE"));
        images.put(q + "-PUBLIC", Api.uploadJpeg("admin", q, "PUBLIC"));
    }

    @TestFactory
    Stream<DynamicTest> everyCell() {
        List<String> lines = List.of(MATRIX.strip().split("\n"));
        List<String> operations = cells(lines.get(0)).subList(2, cells(lines.get(0)).size());
        List<List<String>> rows = lines.stream().skip(2).map(ImageAccessTest::cells).toList();
        assertEquals(15, rows.size(), "7 roles x treated/untreated, and the patient's own record");
        return rows.stream().flatMap(row -> Stream.iterate(0, i -> i + 1).limit(operations.size())
                .map(i -> DynamicTest.dynamicTest(row.get(0) + " / " + row.get(1) + " / " + operations.get(i),
                        () -> check(row.get(0).toLowerCase(), row.get(1), operations.get(i), row.get(i + 2)))));
    }

    private static List<String> cells(String line) {
        return Stream.of(line.strip().split("\\|")).map(String::strip).skip(1).toList();
    }

    private void check(String user, String subject, String operation, String expected) {
        long patient = subject.equals("own") || subject.equals("treated") && !user.equals("patient") ? p : q;
        int status = Integer.parseInt(expected.split(" ")[0]);
        switch (operation) {
            case "read a private image", "read a public image" -> {
                long id = images.get(patient + (operation.contains("private") ? "-PRIVATE" : "-PUBLIC"));
                List<String> wrong = new ArrayList<>();
                for (String path : List.of("", "/content", "/thumbnail", "/preview", "/url")) {
                    int got = Api.as(user).get("/api/v1/images/" + id + path).statusCode();
                    if (got != status) {
                        wrong.add(path + ": " + got);
                    }
                }
                assertTrue(wrong.isEmpty(), "expected " + status + " on every read, got " + wrong);
            }
            case "list images" -> {
                Response response = Api.as(user).queryParam("patientId", patient).queryParam("size", 100)
                        .get("/api/v1/images");
                assertEquals(status, response.statusCode(), response.asString());
                if (status == 200) {
                    List<Long> ids = response.jsonPath().getList("items.id", Long.class);
                    assertTrue(ids.contains(images.get(patient + "-PUBLIC")), "the public image is listed");
                    assertEquals(expected.endsWith("all"), ids.contains(images.get(patient + "-PRIVATE")),
                            "the private image listed: " + ids);
                }
            }
            case "delete an image" -> {
                long id = Api.uploadJpeg("admin", patient, "PRIVATE");
                Response response = Api.as(user).queryParam("reason", "uploaded to the wrong patient")
                        .delete("/api/v1/images/" + id);
                assertEquals(status, response.statusCode(), response.asString());
                boolean deleted = Api.as("admin").get("/api/v1/images/" + id).jsonPath().get("deletedAt") != null;
                assertEquals(status == 200, deleted, "the image is deleted only when the answer says so");
            }
            default -> throw new IllegalArgumentException("no such operation in the table: " + operation);
        }
    }

    @Test
    void relationsComeFromPatientService() {
        Peers.careTeamOfP();
        for (String user : List.of("doctor", "nurse", "technician")) {
            assertEquals("TREATING", Peers.relation(user, p), user);
            assertEquals("STAFF", Peers.relation(user, q), user);
        }
        assertEquals("DISPENSING", Peers.relation("pharmacist", p));
        assertEquals("SELF", Peers.relation("patient", p));
        assertEquals("NONE", Peers.relation("patient", q));
        // no token at all
        io.restassured.RestAssured.given().get("/api/v1/images/" + images.get(p + "-PUBLIC")).then().statusCode(401);
    }

    @Test
    void aTechnicianDeletesOnlyWhatTheyUploaded() {
        long own = Api.uploadJpeg("technician", p, "PRIVATE");
        long other = Api.uploadJpeg("doctor", p, "PRIVATE");
        Api.as("technician").queryParam("reason", "blurred").delete("/api/v1/images/" + other).then()
                .statusCode(403).contentType("application/problem+json");
        Api.as("technician").queryParam("reason", "blurred").delete("/api/v1/images/" + own).then()
                .statusCode(200).body("deletedBy", equalTo("technician"));
    }

    @Test
    void staffAddImagesOnlyForPatientsTheyTreat() {
        Api.upload("doctor", org.mdms.imaging.support.TestImages.jpeg(200, 200), "a.jpg", "image/jpeg",
                Api.fields(q, "OTHER")).then().statusCode(403).contentType("application/problem+json");
        Api.as("admin").queryParam("patientId", q).queryParam("size", 100).get("/api/v1/images").then()
                .statusCode(200).body("items.uploadedBy", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("doctor")));
    }

    @Test
    void anEditNeedsTheVersionItWasBasedOn() {
        long id = Api.uploadJpeg("doctor", p, "PRIVATE");
        Api.as("doctor").contentType("application/json").body(Map.of("title", "no version"))
                .patch("/api/v1/images/" + id).then().statusCode(428).contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"));
        Api.as("admin").get("/api/v1/images/" + id).then().body("title", equalTo("test PRIVATE"))
                .body("version", equalTo(0));
        Api.as("doctor").contentType("application/json").header("If-Match", "\"0\"").body(Map.of("title", "胸片"))
                .patch("/api/v1/images/" + id).then().statusCode(200).body("version", equalTo(1));
        Api.as("doctor").contentType("application/json").header("If-Match", "\"0\"").body(Map.of("title", "late"))
                .patch("/api/v1/images/" + id).then().statusCode(409);
    }
}
