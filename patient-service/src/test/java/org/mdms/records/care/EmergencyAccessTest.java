package org.mdms.records.care;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Break-the-glass: a reason, a time limit, the care relationship while it runs, an audit entry, a list for admins. */
@QuarkusTest
class EmergencyAccessTest {

    private static final String REASON = "unconscious patient in the emergency room, GP not reachable";

    @Test
    void grantOpensTheRecordUntilItExpiresAndIsListedAndAudited() throws Exception {
        Account doctor = TestUsers.staff("DOCTOR");
        long patient = newPatient();
        String path = "/api/v1/patients/" + patient;

        given().auth().oauth2(doctor.token()).get(path).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("emergency-access"));
        given().auth().oauth2(doctor.token()).get(path + "/access").then().statusCode(200)
                .body("relation", equalTo("STAFF"));

        // a reason is required, and must say something
        given().auth().oauth2(doctor.token()).contentType(ContentType.JSON).body(Map.of())
                .post(path + "/emergency-access").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(doctor.token()).contentType(ContentType.JSON).body(Map.of("reason", "urgent"))
                .post(path + "/emergency-access").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(doctor.token()).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .post("/api/v1/patients/987654321/emergency-access").then().statusCode(404);
        Account patientAccount = TestUsers.patient();
        given().auth().oauth2(patientAccount.token()).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .post(path + "/emergency-access").then().statusCode(403);

        var grant = given().auth().oauth2(doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("reason", REASON)).post(path + "/emergency-access").then().statusCode(201)
                .body("patientId", equalTo((int) patient)).body("username", equalTo(doctor.username()))
                .body("reason", equalTo(REASON)).body("active", equalTo(true)).extract().jsonPath();
        Duration lasts = Duration.between(Instant.parse(grant.getString("grantedAt")),
                Instant.parse(grant.getString("expiresAt")));
        assertEquals(Duration.ofHours(4), lasts, "the default duration");

        // while it runs the doctor treats the patient: the full record, the clinical lists, the /access answer
        given().auth().oauth2(doctor.token()).get(path).then().statusCode(200).body("detail", equalTo("FULL"))
                .body("idNumber", equalTo("110101198005170031"));
        given().auth().oauth2(doctor.token()).queryParam("patientId", patient).get("/api/v1/vital-signs").then()
                .statusCode(200);
        given().auth().oauth2(doctor.token()).get(path + "/access").then().statusCode(200)
                .body("relation", equalTo("EMERGENCY"));

        // admins see it listed; nobody else may list
        given().auth().oauth2(Clinic.admin()).queryParam("patientId", patient).queryParam("active", true)
                .get("/api/v1/emergency-access").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].username", equalTo(doctor.username())).body("items[0].reason", equalTo(REASON));
        given().auth().oauth2(doctor.token()).get("/api/v1/emergency-access").then().statusCode(403);
        List<String> actions = given().auth().oauth2(Clinic.admin()).queryParam("patientId", patient)
                .get("/api/v1/audit").then().statusCode(200).extract().path("items.action");
        assertTrue(actions.contains("BREAK_GLASS"), "audited: " + actions);

        // once it has expired, the record is closed again
        try (Connection db = TestUsers.jdbc(); PreparedStatement expire = db.prepareStatement(
                "UPDATE emergency_access SET expires_at = NOW(6) - INTERVAL 1 SECOND WHERE patient_id = ?")) {
            expire.setLong(1, patient);
            assertEquals(1, expire.executeUpdate());
        }
        long expired = System.nanoTime();
        given().auth().oauth2(doctor.token()).get(path + "/access").then().statusCode(200)
                .body("relation", equalTo("STAFF"));
        // the record trusts a confirmed relationship for mdms.care.confirmed-for (2 s), then refuses: at most 2 s late
        int status;
        do {
            status = given().auth().oauth2(doctor.token()).get(path).then().extract().statusCode();
        } while (status == 200 && System.nanoTime() - expired < Duration.ofMillis(2_500).toNanos());
        assertEquals(403, status, "refused within the stated bound once the grant expired");
        given().auth().oauth2(doctor.token()).get(path).then().statusCode(403);
        given().auth().oauth2(Clinic.admin()).queryParam("patientId", patient).queryParam("active", true)
                .get("/api/v1/emergency-access").then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(Clinic.admin()).queryParam("patientId", patient)
                .get("/api/v1/emergency-access").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].active", equalTo(false));
    }

    static long newPatient() {
        Number id = given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", "急诊患者", "gender", "MALE",
                        "birthDate", "1970-01-01", "idNumber", "110101198005170031"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        return id.longValue();
    }
}
