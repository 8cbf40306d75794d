package org.mdms.records.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.visit.Clinic;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PrescriptionTotalsTest {

    private static final String TOTALS = "/api/v1/reports/prescription-totals";

    private static Map<String, Object> item(long drugId, int quantity) {
        Map<String, Object> item = new HashMap<>();
        item.put("drugId", drugId);
        item.put("quantity", quantity);
        item.put("dosage", "每次2片");
        item.put("frequency", "每日2次");
        item.put("days", 5);
        return item;
    }

    private static JsonPath thisMonth(String token) {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        return given().auth().oauth2(token).queryParam("from", month).queryParam("to", month).get(TOTALS).then()
                .statusCode(200).body("$", hasSize(1)).body("[0].month", equalTo(month)).extract().jsonPath();
    }

    @Test
    void countsNonCancelledPrescriptionsOfTheMonth() {
        Clinic clinic = Clinic.get();
        JsonPath before = thisMonth(clinic.analyst.token());
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("2.50");
        String doctor = clinic.doctor.token();
        Number kept = given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(item(drug, 4), item(drug, 6)))).post("/api/v1/prescriptions")
                .then().statusCode(201).extract().path("id");
        Number cancelled = given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(item(drug, 100)))).post("/api/v1/prescriptions")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(Map.of("reason", "开错了"))
                .post("/api/v1/prescriptions/" + cancelled + "/cancel").then().statusCode(200);
        given().auth().oauth2(clinic.pharmacist.token()).post("/api/v1/prescriptions/" + kept + "/dispense").then()
                .statusCode(200);

        JsonPath after = thisMonth(Clinic.admin());
        assertEquals(before.getLong("[0].prescriptions") + 1, after.getLong("[0].prescriptions"));
        assertEquals(before.getLong("[0].items") + 2, after.getLong("[0].items"));
        assertEquals(before.getLong("[0].quantity") + 10, after.getLong("[0].quantity"));
        assertEquals(before.getDouble("[0].amount") + 25.0, after.getDouble("[0].amount"), 0.001);
    }

    private static Map<String, Object> row(String by, long id) {
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        List<Map<String, Object>> rows = given().auth().oauth2(Clinic.admin()).queryParam("from", month)
                .queryParam("to", month).queryParam("by", by).get("/api/v1/reports/prescription-breakdown").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return rows.stream().filter(r -> ((Number) r.get("id")).longValue() == id).findFirst()
                .orElse(Map.of("prescriptions", 0, "items", 0, "quantity", 0, "amount", 0));
    }

    @Test
    void breakdownFollowsAVisitMovedToAnotherDepartment() {
        Clinic clinic = Clinic.get();
        String admin = Clinic.admin();
        Number hospital = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", org.mdms.records.TestUsers.unique("H"), "name", "分院"))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        long elsewhere = ((Number) given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", org.mdms.records.TestUsers.unique("D"), "name", "儿科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id")).longValue();
        long visit = clinic.openVisit(clinic.patient.recordId());
        long drug = Clinic.addDrug("3.10");
        String doctor = clinic.doctor.token();
        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(item(drug, 4), item(drug, 6))))
                .post("/api/v1/prescriptions").then().statusCode(201);
        Number cancelled = given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(item(drug, 100)))).post("/api/v1/prescriptions")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(doctor).contentType(ContentType.JSON).body(Map.of("reason", "开错了"))
                .post("/api/v1/prescriptions/" + cancelled + "/cancel").then().statusCode(200);

        Map<String, Object> byDrug = row("drug", drug);
        assertEquals(1, ((Number) byDrug.get("prescriptions")).intValue());
        assertEquals(2, ((Number) byDrug.get("items")).intValue());
        assertEquals(10, ((Number) byDrug.get("quantity")).intValue());
        assertEquals(31.0, ((Number) byDrug.get("amount")).doubleValue(), 0.001);
        assertEquals(0, ((Number) row("department", elsewhere).get("prescriptions")).intValue());

        Map<String, Object> moved = Clinic.visitBody(clinic.patient.recordId(), clinic.doctor.recordId(), elsewhere);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(moved).put("/api/v1/visits/" + visit).then()
                .statusCode(200);
        Map<String, Object> department = row("department", elsewhere);
        assertEquals(1, ((Number) department.get("prescriptions")).intValue());
        assertEquals(2, ((Number) department.get("items")).intValue());
        assertEquals(10, ((Number) department.get("quantity")).intValue());
        assertEquals(31.0, ((Number) department.get("amount")).doubleValue(), 0.001);
        assertEquals(true, ((Number) row("doctor", clinic.doctor.recordId()).get("quantity")).intValue() >= 10);

        given().auth().oauth2(admin).queryParam("from", "2026-01").queryParam("to", "2026-02").queryParam("by", "ward")
                .get("/api/v1/reports/prescription-breakdown").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("by"));
        given().auth().oauth2(clinic.doctor.token()).queryParam("from", "2026-01").queryParam("to", "2026-02")
                .queryParam("by", "drug").get("/api/v1/reports/prescription-breakdown").then().statusCode(403);
    }

    @Test
    void everyMonthOfTheRangeIsListedWithZerosForEmptyMonths() {
        given().auth().oauth2(Clinic.admin()).queryParam("from", "2001-11").queryParam("to", "2002-02").get(TOTALS)
                .then().statusCode(200).body("$", hasSize(4))
                .body("month", equalTo(List.of("2001-11", "2001-12", "2002-01", "2002-02")))
                .body("[1].prescriptions", equalTo(0)).body("[1].items", equalTo(0))
                .body("[1].quantity", equalTo(0)).body("[1].amount", equalTo(0.0f));
    }

    @Test
    void badMonthsAreA400AndOnlyAdminsAndAnalystsMayAsk() {
        Clinic clinic = Clinic.get();
        String admin = Clinic.admin();
        given().auth().oauth2(admin).queryParam("from", "2026-13").queryParam("to", "2026-12").get(TOTALS).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("from", "2026-01-01").queryParam("to", "2026-12").get(TOTALS).then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(admin).queryParam("from", "2026-05").queryParam("to", "2026-04").get(TOTALS).then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(admin).queryParam("from", "2026-05").get(TOTALS).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        given().auth().oauth2(admin).queryParam("from", "2000-01").queryParam("to", "2026-01").get(TOTALS).then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        given().queryParam("from", "2026-01").queryParam("to", "2026-02").get(TOTALS).then().statusCode(401);
        for (String token : List.of(clinic.doctor.token(), clinic.pharmacist.token(), clinic.patient.token())) {
            given().auth().oauth2(token).queryParam("from", "2026-01").queryParam("to", "2026-02").get(TOTALS).then()
                    .statusCode(403);
        }
    }
}
