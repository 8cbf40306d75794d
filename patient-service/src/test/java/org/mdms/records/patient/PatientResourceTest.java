package org.mdms.records.patient;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PatientResourceTest {

    static Map<String, Object> patient(String mrn, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("mrn", mrn);
        body.put("name", name);
        body.put("gender", "FEMALE");
        body.put("birthDate", "1990-03-15");
        body.put("idNumber", "110101199003150028");
        body.put("phone", "13800138000");
        body.put("email", "li@example.cn");
        body.put("address", "上海市浦东新区世纪大道100号");
        body.put("bloodType", "O+");
        body.put("allergies", "青霉素");
        body.put("emergencyContactName", "王芳");
        body.put("emergencyContactPhone", "13900139000");
        return body;
    }

    @Test
    void registerReadUpdateWithChineseTextRoundTrip() {
        String admin = TestUsers.adminToken();
        String mrn = TestUsers.unique("MRN");
        String location = given().auth().oauth2(admin).contentType(ContentType.JSON).body(patient(mrn, "李小龙"))
                .post("/api/v1/patients").then().statusCode(201)
                .header("Location", containsString("/api/v1/patients/"))
                .body("mrn", equalTo(mrn)).body("name", equalTo("李小龙"))
                .body("address", equalTo("上海市浦东新区世纪大道100号"))
                .extract().header("Location");

        given().auth().oauth2(admin).get(location).then().statusCode(200)
                .body("name", equalTo("李小龙")).body("allergies", equalTo("青霉素"))
                .body("birthDate", equalTo("1990-03-15")).body("deleted", equalTo(false));

        Map<String, Object> changed = patient(mrn, "李小龙");
        changed.put("phone", "13700137000");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(changed).put(location).then().statusCode(200)
                .body("phone", equalTo("13700137000")).body("version", equalTo(1));
    }

    @Test
    void duplicateMrnIsAConflictNamingTheField() {
        String admin = TestUsers.adminToken();
        String mrn = TestUsers.unique("MRN");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(patient(mrn, "甲"))
                .post("/api/v1/patients").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(patient(mrn, "乙"))
                .post("/api/v1/patients").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("mrn"));
    }

    @Test
    void badInputIsA400NamingEachField() {
        String admin = TestUsers.adminToken();
        Map<String, Object> bad = patient(TestUsers.unique("MRN"), "");
        bad.put("birthDate", "2999-01-01");
        bad.put("email", "not-an-email");
        bad.put("bloodType", "Z");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad).post("/api/v1/patients").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("birthDate"))
                .body("errors.field", hasItem("email")).body("errors.field", hasItem("bloodType"));

        Map<String, Object> wrongType = patient(TestUsers.unique("MRN"), "某");
        wrongType.put("birthDate", "yesterday");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(wrongType).post("/api/v1/patients").then()
                .statusCode(400).body("errors[0].field", equalTo("birthDate"));

        Map<String, Object> wrongGender = patient(TestUsers.unique("MRN"), "某");
        wrongGender.put("gender", "ROBOT");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(wrongGender).post("/api/v1/patients").then()
                .statusCode(400).body("errors[0].field", equalTo("gender"));

        Map<String, Object> tooLong = patient(TestUsers.unique("MRN"), "长".repeat(101));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(tooLong).post("/api/v1/patients").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"mrn\": \"M1\", \"name\": ")
                .post("/api/v1/patients").then().statusCode(400).contentType("application/problem+json");

        given().auth().oauth2(admin).contentType(ContentType.JSON).body("").post("/api/v1/patients").then()
                .statusCode(400);
    }

    @Test
    void unknownOrWrongUserReferenceIs422() {
        String admin = TestUsers.adminToken();
        Map<String, Object> body = patient(TestUsers.unique("MRN"), "某");
        body.put("userId", 999_999_999);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/patients").then()
                .statusCode(422).body("errors[0].field", equalTo("userId"));

        long doctorUser = TestUsers.createUser("DOCTOR", TestUsers.unique("doc"));
        body.put("userId", doctorUser);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/patients").then()
                .statusCode(422).body("errors[0].field", equalTo("userId"));
    }

    @Test
    void unknownPatientIs404() {
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/987654321").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void searchByNamePrefixMrnPhoneAndIdNumberWithPaging() {
        String admin = TestUsers.adminToken();
        String surname = "欧阳" + TestUsers.unique("").substring(1, 5);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = patient(TestUsers.unique("MRN"), surname + "患者" + i);
            body.put("phone", "1860000" + (1000 + i));
            body.put("idNumber", "ID" + surname.hashCode() + i);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                    .then().statusCode(201);
        }
        given().auth().oauth2(admin).queryParam("name", surname).queryParam("size", 2).queryParam("page", 1)
                .queryParam("sort", "name,desc")
                .get("/api/v1/patients").then().statusCode(200)
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3)).body("page", equalTo(1))
                .body("items", hasSize(2)).body("items[0].name", equalTo(surname + "患者2"));

        given().auth().oauth2(admin).queryParam("search", surname).get("/api/v1/patients").then()
                .statusCode(200).body("items.name", everyItem(startsWith(surname)));
        given().auth().oauth2(admin).queryParam("phone", "18600001003").queryParam("name", surname)
                .get("/api/v1/patients").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name", equalTo(surname + "患者3"));
        given().auth().oauth2(admin).queryParam("search", "ID" + surname.hashCode() + 4)
                .get("/api/v1/patients").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name", equalTo(surname + "患者4"));

        given().auth().oauth2(admin).queryParam("sort", "password").get("/api/v1/patients").then()
                .statusCode(400).body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(admin).queryParam("size", 1000).get("/api/v1/patients").then()
                .statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void softDeleteWithReasonThenRestore() {
        String admin = TestUsers.adminToken();
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(patient(TestUsers.unique("MRN"), "待删除")).post("/api/v1/patients").then().statusCode(201)
                .extract().path("id");
        Account doctor = TestUsers.staff("DOCTOR");
        treat(doctor, id.longValue());

        given().auth().oauth2(doctor.token()).queryParam("reason", "重复建档")
                .delete("/api/v1/patients/" + id).then().statusCode(403);
        given().auth().oauth2(admin).delete("/api/v1/patients/" + id).then().statusCode(400);
        given().auth().oauth2(admin).queryParam("reason", "重复建档").delete("/api/v1/patients/" + id).then()
                .statusCode(200).body("deleted", equalTo(true)).body("deleteReason", equalTo("重复建档"))
                .body("deletedBy", equalTo("test-admin"));
        given().auth().oauth2(doctor.token()).get("/api/v1/patients/" + id).then().statusCode(404);
        given().auth().oauth2(doctor.token()).queryParam("includeDeleted", true).get("/api/v1/patients").then()
                .statusCode(403);
        given().auth().oauth2(admin).queryParam("includeDeleted", true).queryParam("name", "待删除")
                .get("/api/v1/patients").then().statusCode(200).body("items.id", hasItem(id.intValue()));
        given().auth().oauth2(admin).queryParam("reason", "again").delete("/api/v1/patients/" + id).then()
                .statusCode(409);

        given().auth().oauth2(admin).post("/api/v1/patients/" + id + "/restore").then().statusCode(200)
                .body("deleted", equalTo(false));
        given().auth().oauth2(doctor.token()).get("/api/v1/patients/" + id).then().statusCode(200);
    }

    @Test
    void rolesAndOwnership() {
        Account me = TestUsers.patient();
        Account other = TestUsers.patient();
        Account analyst = TestUsers.analyst();

        given().get("/api/v1/patients/" + me.recordId()).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/api/v1/patients/" + me.recordId()).then().statusCode(401);
        given().auth().oauth2(me.token()).get("/api/v1/patients/" + me.recordId()).then().statusCode(200);
        given().auth().oauth2(me.token()).get("/api/v1/patients/" + other.recordId()).then().statusCode(403);
        given().auth().oauth2(me.token()).get("/api/v1/patients").then().statusCode(403);
        given().auth().oauth2(analyst.token()).get("/api/v1/patients/" + me.recordId()).then().statusCode(403);
        given().auth().oauth2(me.token()).contentType(ContentType.JSON)
                .body(patient(TestUsers.unique("MRN"), "冒名")).post("/api/v1/patients").then().statusCode(403);
    }

    @Test
    void accessRelationForImaging() {
        Account me = TestUsers.patient();
        Account other = TestUsers.patient();
        Account nurse = TestUsers.staff("NURSE");
        given().auth().oauth2(me.token()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .statusCode(200).body("relation", equalTo("SELF"));
        given().auth().oauth2(other.token()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .statusCode(200).body("relation", equalTo("NONE"));
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .statusCode(200).body("relation", equalTo("ADMIN"));
        given().auth().oauth2(nurse.token()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .statusCode(200).body("relation", equalTo("STAFF"));
        given().auth().oauth2(nurse.token()).get("/api/v1/patients/424242424/access").then().statusCode(404);
        given().auth().oauth2(nurse.token()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .body("deleted", equalTo(false));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("reason", "duplicate record")
                .delete("/api/v1/patients/" + me.recordId()).then().statusCode(200);
        // a soft-deleted record still answers, flagged, so imaging-service can refuse new images for it
        given().auth().oauth2(nurse.token()).get("/api/v1/patients/" + me.recordId() + "/access").then()
                .statusCode(200).body("relation", equalTo("STAFF")).body("deleted", equalTo(true));
    }

    @Test
    void everyReadAndWriteIsAudited() throws Exception {
        String admin = TestUsers.adminToken();
        Account doctor = TestUsers.staff("DOCTOR");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(patient(TestUsers.unique("MRN"), "审计")).post("/api/v1/patients").then().statusCode(201)
                .extract().path("id");
        treat(doctor, id.longValue());
        given().auth().oauth2(doctor.token()).get("/api/v1/patients/" + id).then().statusCode(200);

        given().auth().oauth2(admin).queryParam("patientId", id).queryParam("sort", "occurredAt,asc")
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(java.util.List.of("CREATE", "CREATE", "READ")))
                .body("items.resourceType", equalTo(java.util.List.of("PATIENT", "VISIT", "PATIENT")))
                .body("items[2].username", equalTo(doctor.username()))
                .body("items[2].role", equalTo("DOCTOR"));
        given().auth().oauth2(admin).queryParam("username", doctor.username()).get("/api/v1/audit").then()
                .statusCode(200).body("totalItems", greaterThanOrEqualTo(1));
        given().auth().oauth2(doctor.token()).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(admin).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));

        try (Connection db = TestUsers.jdbc();
             PreparedStatement query = db.prepareStatement(
                     "SELECT COUNT(*) FROM audit_event WHERE patient_id = ? AND action = 'READ'")) {
            query.setLong(1, id.longValue());
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
            }
        }
    }

    /** A visit of the patient with the doctor: the care relationship that opens the record to them. */
    private static void treat(Account doctor, long patientId) {
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(org.mdms.records.visit.Clinic.visitBody(patientId, doctor.recordId(), TestUsers.departmentId()))
                .post("/api/v1/visits").then().statusCode(201);
    }
}
