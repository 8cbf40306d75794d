package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.analytics.warehouse.WarehouseReset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 items 1 and 2 against the REAL patient-service: a visit moved to another department through its API
 * takes its prescriptions along in every answer (rollups and raw facts), and reconciliation per department x month
 * sees a planted department mismatch that the month totals cannot.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VisitMoveAgainstPatientServiceTest {

    @Inject
    Pool pool;

    static Peer admin;
    static Peer analyst;
    static long home;
    static long other;
    static long drug;
    static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);

    private static Map<String, Object> visitBody(long patient, long doctor, long department, Instant startedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientId", patient);
        body.put("doctorId", doctor);
        body.put("departmentId", department);
        body.put("type", "OUTPATIENT");
        body.put("startedAt", startedAt.toString());
        body.put("chiefComplaint", "咳嗽");
        return body;
    }

    private static long prescribe(Peer doctor, long visit, int quantity) {
        return doctor.records().body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity",
                        quantity, "dosage", "每次1片", "frequency", "每日3次", "days", 7))))
                .post("/api/v1/prescriptions").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The test drug's row of a department's ranking (quantity, amount, prescriptions), from rollups or facts. */
    private static List<Object> ranked(long department, String source) {
        JsonPath ranking = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH.minusMonths(1) + "&to="
                        + YearMonth.now(ZoneOffset.UTC)
                        + "&order=top&n=100&departmentId=" + department + "&source=" + source).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> row = ranking.getMap("drugs.find { it.drugId == " + drug + " }");
        return List.of(((Number) row.get("quantity")).longValue(), new BigDecimal(row.get("amount").toString()).setScale(2),
                ((Number) row.get("prescriptions")).longValue());
    }

    @Test
    @Order(1)
    void aVisitMovedToAnotherDepartmentMovesItsPrescriptionsInEveryAnswer() {
        WarehouseReset.reset(pool);
        admin = Peer.login("admin");
        analyst = Peer.login("analyst");
        Peer doctor = Peer.login("doctor");
        home = doctor.records().get("/api/v1/staff/" + doctor.staffId()).then().statusCode(200).extract().jsonPath()
                .getLong("departmentId");
        long hospital = admin.records().get("/api/v1/departments/" + home).then().statusCode(200).extract().jsonPath()
                .getLong("hospitalId");
        other = admin.records().body(Map.of("hospitalId", hospital, "code", "MOVE" + System.nanoTime() % 100000,
                        "name", "移入科室")).post("/api/v1/departments").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        drug = admin.records().body(Map.of("code", "MOVE-" + System.nanoTime() % 1000000, "name", "移科测试药",
                        "genericName", "Testamol", "category", "测试", "dosageForm", "片剂", "strength", "10mg",
                        "unit", "片", "price", new BigDecimal("58.80")))
                .post("/api/v1/drugs").then().statusCode(201).extract().jsonPath().getLong("id");
        long patient = admin.records().body(Map.of("mrn", "MOVE-" + System.nanoTime() % 1000000, "name", "移科患者",
                        "gender", "FEMALE", "birthDate", "1966-02-03"))
                .post("/api/v1/patients").then().statusCode(201).extract().jsonPath().getLong("id");
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        long moving = doctor.records().body(visitBody(patient, doctor.staffId(), home, started))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
        long staying = doctor.records().body(visitBody(patient, doctor.staffId(), home, started))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
        prescribe(doctor, moving, 2);
        prescribe(doctor, staying, 48);
        analyst.analytics().post("/api/v1/sync").then().statusCode(200).body("outcome", equalTo("UP_TO_DATE"));
        for (String source : List.of("rollup", "facts")) {
            assertEquals(List.of(50L, new BigDecimal("2940.00"), 2L), ranked(home, source), source);
        }

        // only a VISIT event is published for the move
        admin.records().body(visitBody(patient, doctor.staffId(), other, started)).put("/api/v1/visits/" + moving)
                .then().statusCode(200).body("departmentId", equalTo((int) other));
        analyst.analytics().post("/api/v1/sync").then().statusCode(200).body("outcome", equalTo("UP_TO_DATE"));
        for (String source : List.of("rollup", "facts")) {
            assertEquals(List.of(48L, new BigDecimal("2822.40"), 1L), ranked(home, source), source);
            assertEquals(List.of(2L, new BigDecimal("117.60"), 1L), ranked(other, source), source);
            JsonPath workload = analyst.analytics().get("/api/v1/departments/workload?from="
                    + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC) + "&granularity=month&departmentId=" + other + "&source=" + source).then()
                    .statusCode(200).extract().jsonPath();
            // summed over the rows: the visit and its prescription may fall on two sides of midnight
            assertEquals(1, workload.getList("rows.visits", Integer.class).stream().mapToInt(Integer::intValue).sum());
            assertEquals(1, workload.getList("rows.prescriptions", Integer.class).stream().mapToInt(Integer::intValue)
                    .sum(), source);
            assertEquals(new BigDecimal("117.60"), workload.getList("rows.revenue").stream()
                    .map(r -> new BigDecimal(r.toString())).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2), source);
        }
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH.minusMonths(1) + "&to="
                + YearMonth.now(ZoneOffset.UTC)).then().statusCode(200).body("consistent", equalTo(true))
                .body("mismatchCount", equalTo(0));
    }

    @Test
    @Order(2)
    void reconciliationReportsAPlantedDepartmentMismatchTheMonthTotalsCannotSee() {
        // the test's own drug in its own department: every month of it
        String plant = "UPDATE rollup_drug_department_month SET department_id = %d WHERE department_id = %d "
                + "AND drug_id = " + drug;
        String range = "?from=" + THIS_MONTH.minusMonths(1) + "&to=" + YearMonth.now(ZoneOffset.UTC);
        pool.query(plant.formatted(999_999, other)).execute().await().indefinitely();
        try {
            JsonPath report = analyst.analytics().post("/api/v1/reconciliation" + range).then().statusCode(200)
                    .body("consistent", equalTo(false)).extract().jsonPath();
            List<Map<String, Object>> mismatches = report.getList("mismatches");
            assertFalse(mismatches.isEmpty());
            assertTrue(mismatches.stream().allMatch(m -> "department".equals(m.get("dimension"))
                    && "rollup_drug_department_month".equals(m.get("warehouseTable"))), mismatches.toString());
            Map<String, Object> quantity = mismatches.stream().filter(m -> ((Number) m.get("dimensionId")).longValue()
                    == other && "quantity".equals(m.get("figure"))).findFirst().orElseThrow();
            assertEquals(2, ((Number) quantity.get("source")).intValue());
            assertEquals(0, ((Number) quantity.get("warehouse")).intValue());
            assertTrue(mismatches.stream().anyMatch(m -> ((Number) m.get("dimensionId")).longValue() == 999_999),
                    "the department that got the figures is named too");
            analyst.analytics().get("/api/v1/reconciliation/runs?size=1").then().statusCode(200)
                    .body("items[0].consistent", equalTo(false))
                    .body("items[0].mismatches[0].dimension", equalTo("department"));
        } finally {
            pool.query(plant.formatted(other, 999_999)).execute().await().indefinitely();
        }
        analyst.analytics().post("/api/v1/reconciliation" + range).then().statusCode(200)
                .body("consistent", equalTo(true));
    }
}
