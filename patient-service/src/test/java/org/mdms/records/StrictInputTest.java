package org.mdms.records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.mdms.records.visit.Clinic;

import java.sql.SQLException;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The findings of the hostile review, each with the exact request that showed it: refused, named, nothing written. */
@QuarkusTest
class StrictInputTest {


    @Test
    void fractionsAreNeverIds() throws SQLException {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("2.00");
        Map<String, Long> before = HostileInputTest.rowCounts();

        refused(post(clinic.doctor.token(), "/api/v1/prescriptions", "{\"visitId\": " + visit + ".5, \"items\": [{"
                + "\"drugId\": " + drug + ", \"quantity\": 2, \"dosage\": \"每次1粒\", \"frequency\": \"每日3次\", "
                + "\"days\": 7}]}"), "visitId");
        refused(post(clinic.technician.token(), "/api/v1/examinations", "{\"visitId\": " + visit + ".5, "
                + "\"item\": \"血红蛋白\", \"result\": \"128\"}"), "visitId");
        refused(post(clinic.nurse.token(), "/api/v1/vital-signs", "{\"patientId\": " + clinic.patient.recordId()
                + ".9, \"type\": \"HEART_RATE\", \"value\": 72}"), "patientId");
        // a quantity of 1.5 tablets is not 1 tablet
        refused(post(clinic.doctor.token(), "/api/v1/prescriptions", "{\"visitId\": " + visit + ", \"items\": [{"
                + "\"drugId\": " + drug + ", \"quantity\": 1.5, \"dosage\": \"每次1粒\", \"frequency\": \"每日3次\", "
                + "\"days\": 7}]}"), "items[0].quantity");

        assertEquals(before, HostileInputTest.rowCounts(), "a refused request wrote a row");
    }

    @Test
    void numbersAreNeverEnumsAndStringsAreNeverNumbers() {
        String admin = Clinic.admin();
        refused(post(admin, "/api/v1/patients", "{\"mrn\": \"" + TestUsers.unique("MRN") + "\", \"name\": \"张三\", "
                + "\"gender\": 0, \"birthDate\": \"1980-01-01\"}"), "gender");
        refused(post(admin, "/api/v1/departments", "{\"hospitalId\": \"12\", \"code\": \"" + TestUsers.unique("D")
                + "\", \"name\": \"内科\"}"), "hospitalId");
        refused(post(admin, "/api/v1/hospitals", "{\"code\": 12, \"name\": \"测试医院\"}"), "code");
        refused(post(admin, "/api/v1/hospitals", "{\"code\": \"" + TestUsers.unique("H") + "\", \"name\": \"测试医院\", "
                + "\"nmae\": \"typo\"}"), "nmae");
    }

    @Test
    void duplicateKeysAreRefusedEvenOnSingleFieldBodies() {
        Clinic clinic = Clinic.get();
        long user = TestUsers.createUser("NURSE", TestUsers.unique("nurse"));
        // these two answered an empty 500
        refused(given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON)
                .body("{\"password\": \"first-password-1\", \"password\": \"second-password-2\"}")
                .put("/api/v1/users/" + user + "/password").then(), "password");
        long prescription = prescription();
        refused(post(clinic.doctor.token(), "/api/v1/prescriptions/" + prescription + "/cancel",
                "{\"reason\": \"a\", \"reason\": \"b\"}"), "reason");
        refused(post(Clinic.admin(), "/api/v1/hospitals", "{\"code\": \"" + TestUsers.unique("H") + "\", "
                + "\"name\": \"一\", \"name\": \"二\"}"), "name");
    }

    @Test
    void aJsonBodySentAsTextIsRefusedNotStoredRaw() {
        Clinic clinic = Clinic.get();
        String username = TestUsers.unique("nurse");
        long user = TestUsers.createUser("NURSE", username);
        given().auth().oauth2(Clinic.admin()).contentType("text/plain")
                .body("{\"password\": \"new-password-9\"}").put("/api/v1/users/" + user + "/password")
                .then().statusCode(415).contentType("application/problem+json")
                .body("errors.field", hasItem("Content-Type"));
        // the old password still signs in: nothing was stored
        TestUsers.login(username, TestUsers.PASSWORD);

        long prescription = prescription();
        given().auth().oauth2(clinic.doctor.token()).contentType("text/plain").body("{\"reason\": \"患者过敏\"}")
                .post("/api/v1/prescriptions/" + prescription + "/cancel")
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/prescriptions/" + prescription)
                .then().statusCode(200).body("status", equalTo("ISSUED"));
    }

    @Test
    void aPageBeyondTheRowLimitIsA400NamingPage() {
        for (String list : new String[]{"/api/v1/patients", "/api/v1/users", "/api/v1/hospitals", "/api/v1/drugs",
                "/api/v1/visits", "/api/v1/prescriptions", "/api/v1/audit"}) {
            given().auth().oauth2(Clinic.admin()).queryParam("page", 2147483647).queryParam("size", 100).get(list)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("page"));
        }
        given().auth().oauth2(Clinic.admin()).queryParam("page", 4999).queryParam("size", 200)
                .get("/api/v1/patients").then().statusCode(200);
        // the detail leads with the parameter, as in imaging- and analytics-service (ErrorDialectTest)
        given().auth().oauth2(Clinic.admin()).queryParam("size", 201).get("/api/v1/patients")
                .then().statusCode(400).body("errors[0].field", equalTo("size"))
                .body("errors[0].message", equalTo("size must be between 1 and 200"))
                .body("detail", equalTo("size: size must be between 1 and 200"));
        given().auth().oauth2(Clinic.admin()).queryParam("page", -1).queryParam("size", 201).get("/api/v1/patients")
                .then().statusCode(400).body("errors.field", contains("page", "size"))
                .body("detail", equalTo("page: page must be 0 or more; size: size must be between 1 and 200"));
    }

    @Test
    void aBadSortNamesTheSortableFieldsAsTheOtherServicesDo() {
        // one wording in the three services (ErrorDialectTest): the fields, the direction, the value sent
        for (String sort : new String[]{"nope", "issuedAt,sideways", "issuedAt,desc,x"}) {
            given().auth().oauth2(Clinic.admin()).queryParam("sort", sort).get("/api/v1/prescriptions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("sort"))
                    .body("errors[0].message", equalTo("must be one of dispensedAt, id, issuedAt, status, totalAmount"
                            + ", optionally followed by ,asc or ,desc, got '" + sort + "'"));
        }
        given().auth().oauth2(Clinic.admin()).queryParam("sort", "issuedAt,ASC").get("/api/v1/prescriptions")
                .then().statusCode(200);
    }

    @Test
    void severalBadQueryParametersAreAllReported() {
        given().auth().oauth2(Clinic.admin()).queryParam("from", "2026-13-45").queryParam("to", "tomorrow")
                .queryParam("size", 0).queryParam("sort", "nope").get("/api/v1/prescriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("from", "size", "sort", "to"))
                .body("detail", containsString("from: must be a date"))
                .body("detail", containsString("; size: size must be between 1 and 200; sort: must be one of "))
                .body("detail", containsString("; to: must be a date"));
        given().auth().oauth2(Clinic.admin()).queryParam("page", -1).queryParam("sort", "nope").get("/api/v1/patients")
                .then().statusCode(400).body("errors.field", contains("page", "sort"));
    }

    @Test
    void errorsNameTheParameterAndNeverAJavaClass() {
        given().auth().oauth2(Clinic.admin()).queryParam("departmentId", "abc").get("/api/v1/staff")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("departmentId"))
                .body("detail", not(containsString("For input string")));
        given().auth().oauth2(Clinic.admin()).get("/api/v1/patients/abc")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        // worded as in the other two services: "must be ..., got '...'" (ErrorDialectTest)
        given().auth().oauth2(Clinic.admin()).queryParam("from", "2026-13-45").get("/api/v1/prescriptions")
                .then().statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].message", equalTo("must be a date as yyyy-MM-dd or a timestamp with an offset, "
                        + "such as 2026-11-21T08:00:00Z, got '2026-13-45'"));
        String body = post(Clinic.admin(), "/api/v1/hospitals", "{\"code\": {}, \"name\": []}")
                .statusCode(400).extract().asString();
        assertEquals(-1, body.indexOf("org.mdms"), body);
        assertEquals(-1, body.indexOf("java."), body);
    }

    @Test
    void aYesNoParameterIsTrueOrFalseNeverAGuess() {
        for (String bad : new String[]{"abc", "yes", "1", "TRUE"}) {
            given().auth().oauth2(Clinic.admin()).queryParam("includeDeleted", bad).get("/api/v1/patients")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("includeDeleted"))
                    .body("errors[0].message", containsString("true or false"));
            given().auth().oauth2(Clinic.admin()).queryParam("active", bad).get("/api/v1/drugs")
                    .then().statusCode(400).body("errors[0].field", equalTo("active"));
        }
        given().auth().oauth2(Clinic.admin()).queryParam("includeDeleted", "true").get("/api/v1/patients")
                .then().statusCode(200);
        given().auth().oauth2(Clinic.admin()).queryParam("active", "false").get("/api/v1/drugs")
                .then().statusCode(200);
    }

    @Test
    void aRecordIsAnsweredAsJsonWhateverTheAcceptHeaderLists() {
        // a client that reads errors as problem+json gets the answer as JSON, never the record's Java toString()
        String body = given().auth().oauth2(Clinic.admin()).accept("application/problem+json").get("/api/v1/hospitals")
                .then().statusCode(200).contentType("application/json").body("page", equalTo(0))
                .extract().asString();
        assertEquals(-1, body.indexOf("View["), body);
        for (String accept : new String[]{"application/problem+json", "text/plain"}) {
            String created = given().auth().oauth2(Clinic.admin()).accept(accept).contentType(ContentType.JSON)
                    .body("{\"code\": \"ACC" + accept.length() + "\", \"name\": \"接受头医院\"}").post("/api/v1/hospitals")
                    .then().statusCode(201).contentType("application/json").body("name", equalTo("接受头医院"))
                    .extract().asString();
            assertEquals(-1, created.indexOf("View["), created);
        }
        // a list asked for as text/plain is answered as JSON too, as in imaging- and analytics-service
        String page = given().auth().oauth2(Clinic.admin()).accept("text/plain").get("/api/v1/hospitals")
                .then().statusCode(200).contentType("application/json").body("page", equalTo(0))
                .extract().asString();
        assertEquals(-1, page.indexOf("View["), page);
        // an Accept the service cannot serve at all is a 406 problem, not a guess
        given().auth().oauth2(Clinic.admin()).accept("image/png").get("/api/v1/hospitals")
                .then().statusCode(406).contentType("application/problem+json");
        given().auth().oauth2(Clinic.admin()).accept("application/problem+json").get("/api/v1/hospitals/999999999")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void controlCharactersAndBytesThatAreNotUtf8AreRefusedNotTrimmedAway() throws SQLException {
        String admin = Clinic.admin();
        long patient = TestUsers.patient().recordId();
        Map<String, Long> before = HostileInputTest.rowCounts();

        // a NUL in a body's text was stored (北京协和医院\u0000), in a password it signed in
        refused(post(admin, "/api/v1/hospitals", "{\"code\": \"" + TestUsers.unique("H") + "\", "
                + "\"name\": \"北京协和医院\\u0000\"}"), "name");
        refused(post(admin, "/api/v1/auth/login", "{\"username\": \"test-admin\", \"password\": \""
                + TestUsers.PASSWORD + "\\u0000\"}"), "password");
        // a reason ending in NUL (trimmed away) or in bytes that are not UTF-8 (turned into U+FFFD) deleted the patient
        for (String reason : new String[]{"registered+twice%00", "registered+twice%FF%FE"}) {
            refused(given().auth().oauth2(admin).urlEncodingEnabled(false)
                    .delete("/api/v1/patients/" + patient + "?reason=" + reason).then(), "reason");
        }
        // a date with a NUL after it was read as the date
        refused(given().auth().oauth2(admin).urlEncodingEnabled(false).get("/api/v1/visits?from=2026-03-15%00")
                .then(), "from");
        assertEquals(before, HostileInputTest.rowCounts(), "a refused request wrote a row");
        given().auth().oauth2(admin).get("/api/v1/patients/" + patient).then().statusCode(200)
                .body("deleted", equalTo(false));

        // a line break or a tab is text: an address may have lines
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"code\": \"" + TestUsers.unique("H")
                        + "\", \"name\": \"多行地址医院\", \"address\": \"北京市东城区\\n帅府园1号\\t东门\"}")
                .post("/api/v1/hospitals").then().statusCode(201).body("address", equalTo("北京市东城区\n帅府园1号\t东门"));
    }

    private long prescription() {
        Clinic clinic = Clinic.get();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("3.00");
        Number id = post(clinic.doctor.token(), "/api/v1/prescriptions", "{\"visitId\": " + visit + ", \"items\": [{"
                + "\"drugId\": " + drug + ", \"quantity\": 2, \"dosage\": \"每次1粒\", \"frequency\": \"每日3次\", "
                + "\"days\": 7}]}").statusCode(201).extract().path("id");
        return id.longValue();
    }

    private static ValidatableResponse post(String token, String path, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json).post(path).then();
    }

    private static void refused(ValidatableResponse response, String field) {
        response.statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("errors.field", hasItem(field));
    }
}
