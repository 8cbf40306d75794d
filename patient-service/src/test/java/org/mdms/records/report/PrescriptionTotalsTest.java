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
