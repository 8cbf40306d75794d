package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.analytics.sync.SyncService;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.analytics.warehouse.FailingWarehouseWriter;
import org.mdms.local.testing.PatientServiceResource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * analytics-service fed by the REAL patient-service: records are created through its API (doctor, pharmacist,
 * nurse), synced through its change feed, and every answer is checked against figures this test computes from the
 * records it created. Methods run in order and share the records.
 */
@QuarkusTest
// one application and one set of real peers for every test class (the test resources keep JVM-wide state)
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalyticsAgainstPatientServiceTest {

    @Inject
    Pool pool;
    @Inject
    FailingWarehouseWriter writer;
    @Inject
    SyncService syncService;

    static Peer admin;
    static Peer doctor;
    static Peer pharmacist;
    static Peer analyst;
    static long department;
    static final List<Long> drugs = new ArrayList<>();
    static final Map<Long, String> drugNames = new HashMap<>();
    static long patientA;
    static long patientB;
    static final List<Long> visits = new ArrayList<>();

    /** What the test expects, computed from the records it created: drug -> [quantity, amount, prescriptions]. */
    static final Map<Long, BigDecimal[]> usageThisMonth = new LinkedHashMap<>();
    static int prescriptionsThisMonth;
    static int itemsThisMonth;
    static final Map<String, Integer> visitsByDayAndType = new HashMap<>();

    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);

    // ------------------------------------------------------------------ helpers

    private static long createPatient(String mrn, String gender) {
        return admin.records().body(Map.of("mrn", mrn, "name", "测试患者" + mrn, "gender", gender,
                        "birthDate", "1970-03-04"))
                .post("/api/v1/patients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long createVisit(long patient, String type, Instant startedAt) {
        long id = doctor.records().body(Map.of("patientId", patient, "doctorId", doctor.staffId(),
                        "departmentId", department, "type", type, "startedAt", startedAt.toString(),
                        "chiefComplaint", "头痛"))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
        String day = LocalDate.ofInstant(startedAt, ZoneOffset.UTC).toString();
        visitsByDayAndType.merge(day + "|" + type, 1, Integer::sum);
        return id;
    }

    /** Issues a prescription as the doctor; returns its JSON (server-priced items). */
    private static JsonPath prescribe(long visit, long[][] drugAndQuantity) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (long[] line : drugAndQuantity) {
            items.add(Map.of("drugId", line[0], "quantity", (int) line[1], "dosage", "每次1片", "frequency", "每日3次",
                    "days", 7));
        }
        return doctor.records().body(Map.of("visitId", visit, "items", items))
                .post("/api/v1/prescriptions").then().statusCode(201).extract().jsonPath();
    }

    /** Adds a (not cancelled) prescription's items to the expectations. */
    private static void expect(JsonPath prescription) {
        prescriptionsThisMonth++;
        Set<Long> seen = new HashSet<>();
        for (Map<String, Object> item : prescription.<Map<String, Object>>getList("items")) {
            long drug = ((Number) item.get("drugId")).longValue();
            BigDecimal[] u = usageThisMonth.computeIfAbsent(drug,
                    d -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            u[0] = u[0].add(BigDecimal.valueOf(((Number) item.get("quantity")).longValue()));
            u[1] = u[1].add(new BigDecimal(item.get("amount").toString()));
            if (seen.add(drug)) {
                u[2] = u[2].add(BigDecimal.ONE);
            }
            itemsThisMonth++;
        }
    }

    private JsonPath sync() {
        return analyst.analytics().post("/api/v1/sync").then().statusCode(200).extract().jsonPath();
    }

    private String rollupSnapshot() {
        StringBuilder all = new StringBuilder();
        for (String sql : List.of("SELECT * FROM rollup_drug_month ORDER BY 1, 2", "SELECT * FROM rollup_drug_day ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_department_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_doctor_drug_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_day ORDER BY 1, 2", "SELECT * FROM rollup_visit_day ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_month ORDER BY 1", "SELECT * FROM rollup_vital_day ORDER BY 1, 2",
                "SELECT COUNT(*), SUM(quantity) FROM fact_prescription_item")) {
            pool.query(sql).execute().await().indefinitely().forEach(row -> all.append(row.toJson()).append('\n'));
        }
        return all.toString();
    }

    private static BigDecimal dec(Object value) {
        return new BigDecimal(value.toString()).setScale(2);
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void everyAnswerMatchesTheRecordsCreatedThroughPatientService() {
        WarehouseReset.reset(pool);
        admin = Peer.login("admin");
        doctor = Peer.login("doctor");
        pharmacist = Peer.login("pharmacist");
        analyst = Peer.login("analyst");
        department = doctor.records().get("/api/v1/staff/" + doctor.staffId()).then().statusCode(200)
                .extract().jsonPath().getLong("departmentId");
        JsonPath catalogue = admin.records().get("/api/v1/drugs?size=3&sort=id,asc").then().statusCode(200)
                .extract().jsonPath();
        for (int i = 0; i < 3; i++) {
            drugs.add(catalogue.getLong("items[" + i + "].id"));
            drugNames.put(drugs.get(i), catalogue.getString("items[" + i + "].name"));
        }
        patientA = createPatient("AN-IT-A", "FEMALE");
        patientB = createPatient("AN-IT-B", "MALE");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant twoDaysAgo = now.minus(2, ChronoUnit.DAYS);
        visits.add(createVisit(patientA, "OUTPATIENT", now.minus(1, ChronoUnit.HOURS)));
        visits.add(createVisit(patientA, "EMERGENCY", twoDaysAgo));
        visits.add(createVisit(patientB, "OUTPATIENT", twoDaysAgo.plus(1, ChronoUnit.HOURS)));
        long d1 = drugs.get(0);
        long d2 = drugs.get(1);
        long d3 = drugs.get(2);

        JsonPath p1 = prescribe(visits.get(0), new long[][]{{d1, 2}, {d2, 1}, {d1, 3}});
        JsonPath p2 = prescribe(visits.get(1), new long[][]{{d1, 4}});
        JsonPath p3 = prescribe(visits.get(2), new long[][]{{d3, 5}, {d2, 2}});
        pharmacist.records().post("/api/v1/prescriptions/" + p1.getLong("id") + "/dispense").then().statusCode(200);
        doctor.records().body(Map.of("reason", "患者过敏")).post("/api/v1/prescriptions/" + p3.getLong("id") + "/cancel")
                .then().statusCode(200);
        expect(p1);
        expect(p2);

        // vital signs of patient A: heart rate with one outlier, blood pressure
        int[] heartRates = {70, 72, 68, 75, 71, 69, 73, 74, 70, 160};
        for (int i = 0; i < heartRates.length; i++) {
            doctor.records().body(Map.of("patientId", patientA, "type", "HEART_RATE", "value", heartRates[i],
                            "measuredAt", now.minus(10 - i, ChronoUnit.HOURS).toString()))
                    .post("/api/v1/vital-signs").then().statusCode(201);
        }
        doctor.records().body(Map.of("patientId", patientA, "type", "BLOOD_PRESSURE", "value", 128,
                "secondaryValue", 82, "measuredAt", now.minus(3, ChronoUnit.HOURS).toString()))
                .post("/api/v1/vital-signs").then().statusCode(201);

        JsonPath run = sync();
        assertEquals("UP_TO_DATE", run.getString("outcome"), run.prettify());
        assertTrue(run.getLong("events") > 0);

        // Q1: each drug's use this month, from the rollups and from the raw facts
        for (long drug : drugs) {
            BigDecimal[] u = usageThisMonth.getOrDefault(drug, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO});
            for (String source : List.of("rollup", "facts")) {
                JsonPath q1 = analyst.analytics().get("/api/v1/drugs/" + drug + "/usage?year=" + THIS_MONTH.getYear()
                        + "&source=" + source).then().statusCode(200).extract().jsonPath();
                assertEquals(12, q1.getList("months").size());
                Map<String, Object> month = q1.getMap("months[" + (THIS_MONTH.getMonthValue() - 1) + "]");
                assertEquals(THIS_MONTH.toString(), month.get("month"));
                assertEquals(u[0].longValue(), ((Number) month.get("quantity")).longValue(), "quantity of " + drug);
                assertEquals(u[1].setScale(2), dec(month.get("amount")), "amount of " + drug);
                assertEquals(u[2].longValue(), ((Number) month.get("prescriptions")).longValue(), "prescriptions");
                assertEquals(drugNames.get(drug), q1.getString("drugName"));
            }
        }

        // Q2: ranking by quantity this month; drugs nobody used rank at zero, ties by id
        JsonPath q2 = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH
                + "&by=quantity&order=top&n=2").then().statusCode(200).extract().jsonPath();
        List<Long> expectedTop = usageThisMonth.entrySet().stream()
                .sorted((a, b) -> b.getValue()[0].compareTo(a.getValue()[0]) != 0
                        ? b.getValue()[0].compareTo(a.getValue()[0]) : Long.compare(a.getKey(), b.getKey()))
                .map(Map.Entry::getKey).limit(2).toList();
        assertEquals(expectedTop, q2.getList("drugs.drugId", Long.class));
        assertEquals(usageThisMonth.get(expectedTop.get(0))[0].longValue(), q2.getLong("drugs[0].quantity"));
        JsonPath byAmount = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH
                + "&by=amount&order=top&n=1&departmentId=" + department).then().statusCode(200).extract().jsonPath();
        long topByAmount = usageThisMonth.entrySet().stream().max((a, b) -> a.getValue()[1].compareTo(b.getValue()[1]))
                .orElseThrow().getKey();
        assertEquals(topByAmount, byAmount.getLong("drugs[0].drugId"));
        assertEquals(usageThisMonth.get(topByAmount)[1].setScale(2), dec(byAmount.get("drugs[0].amount")));
        JsonPath bottom = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH
                + "&order=bottom&n=100").then().statusCode(200).extract().jsonPath();
        assertEquals(0, bottom.getLong("drugs[0].quantity"), "a catalogue drug nobody prescribed is the least used");
        assertEquals(q2.getList("drugs"), analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to="
                + THIS_MONTH + "&by=quantity&order=top&n=2&source=facts").then().statusCode(200).extract()
                .jsonPath().getList("drugs"));

        // Q3: the doctor's top drugs = the same figures (they wrote every prescription); the doctor may ask too
        JsonPath q3 = doctor.analytics().get("/api/v1/doctors/" + doctor.staffId() + "/top-drugs?from=" + THIS_MONTH
                + "&to=" + THIS_MONTH + "&n=10").then().statusCode(200).extract().jsonPath();
        assertEquals(usageThisMonth.size(), q3.getList("drugs").size(), "cancelled-only drugs are not listed");
        assertEquals(expectedTop.get(0), q3.getLong("drugs[0].drugId"));
        assertEquals(usageThisMonth.get(expectedTop.get(0))[2].longValue(), q3.getLong("drugs[0].prescriptions"));

        // Q4: department workload by day over the last three days
        JsonPath q4 = analyst.analytics().get("/api/v1/departments/workload?from=" + TODAY.minusDays(3) + "&to="
                + TODAY + "&granularity=day&departmentId=" + department).then().statusCode(200).extract().jsonPath();
        Map<String, Integer> visitsPerDay = new HashMap<>();
        visitsByDayAndType.forEach((k, v) -> visitsPerDay.merge(k.split("\\|")[0], v, Integer::sum));
        Map<String, Integer> answered = new HashMap<>();
        long prescriptionsAnswered = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (Map<String, Object> row : q4.<Map<String, Object>>getList("rows")) {
            answered.put((String) row.get("period"), ((Number) row.get("visits")).intValue());
            prescriptionsAnswered += ((Number) row.get("prescriptions")).longValue();
            revenue = revenue.add(new BigDecimal(row.get("revenue").toString()));
        }
        visitsPerDay.forEach((day, n) -> assertEquals(n, answered.get(day), "visits on " + day));
        assertEquals(prescriptionsThisMonth, prescriptionsAnswered);
        BigDecimal expectedRevenue = usageThisMonth.values().stream().map(u -> u[1]).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertEquals(expectedRevenue.setScale(2), revenue.setScale(2));
        JsonPath monthly = analyst.analytics().get("/api/v1/departments/workload?from=" + THIS_MONTH.atDay(1)
                + "&to=" + THIS_MONTH.atEndOfMonth() + "&granularity=month").then().statusCode(200).extract().jsonPath();
        assertEquals(THIS_MONTH.toString(), monthly.getString("rows[0].period"));

        // Q5: visit trends by type
        JsonPath q5 = analyst.analytics().get("/api/v1/visits/trends?from=" + TODAY.minusDays(3) + "&to=" + TODAY
                + "&granularity=day").then().statusCode(200).extract().jsonPath();
        assertEquals(visitsByDayAndType, visitsByPeriodAndType(q5));
        assertEquals(q5.getList("rows"), analyst.analytics().get("/api/v1/visits/trends?from=" + TODAY.minusDays(3)
                + "&to=" + TODAY + "&granularity=day&source=facts").then().statusCode(200).extract().jsonPath()
                .getList("rows"));

        // Q6: patient A's heart rate: statistics and the IQR outlier (160), asked by the doctor who treats A
        JsonPath q6 = doctor.analytics().get("/api/v1/patients/" + patientA + "/vital-signs/summary?from="
                + now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(1, ChronoUnit.MINUTES)).then().statusCode(200)
                .extract().jsonPath();
        double[] sorted = Arrays.stream(heartRates).asDoubleStream().sorted().toArray();
        Map<String, Object> hr = q6.getMap("series.find { it.series == 'HEART_RATE' }");
        assertEquals(10, hr.get("count"));
        assertEquals(dec(68), dec(hr.get("min")));
        assertEquals(dec(160), dec(hr.get("max")));
        assertEquals(BigDecimal.valueOf(Arrays.stream(sorted).average().orElseThrow()).setScale(2,
                java.math.RoundingMode.HALF_UP), dec(hr.get("mean")));
        assertEquals(BigDecimal.valueOf(percentile(sorted, 0.5)).setScale(2, java.math.RoundingMode.HALF_UP),
                dec(hr.get("p50")));
        assertEquals(BigDecimal.valueOf(percentile(sorted, 0.25)).setScale(2, java.math.RoundingMode.HALF_UP),
                dec(hr.get("p25")));
        assertTrue(q6.getList("series.find { it.series == 'HEART_RATE' }.anomalies.findAll { it.reason == 'IQR' }.value")
                .stream().map(v -> new BigDecimal(v.toString()).intValue()).toList().contains(160));
        assertEquals(dec(82), dec(q6.get("series.find { it.series == 'BLOOD_PRESSURE_DIASTOLIC' }.max")));

        // Q7: dashboard for today
        JsonPath q7 = analyst.analytics().get("/api/v1/dashboard").then().statusCode(200).extract().jsonPath();
        int visitsToday = visitsPerDay.getOrDefault(TODAY.toString(), 0);
        assertEquals(visitsToday, q7.getInt("visits"));
        assertEquals(expectedTop.get(0), q7.getLong("topDrugs[0].drugId"));
        long vitalsToday = 0;
        for (int i = 0; i < heartRates.length; i++) {
            if (LocalDate.ofInstant(now.minus(10 - i, ChronoUnit.HOURS), ZoneOffset.UTC).equals(TODAY)) {
                vitalsToday++;
            }
        }
        if (LocalDate.ofInstant(now.minus(3, ChronoUnit.HOURS), ZoneOffset.UTC).equals(TODAY)) {
            vitalsToday++;
        }
        assertEquals(vitalsToday, q7.getLong("vitalMeasurements"));

        // reconciliation agrees with patient-service's totals
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH.minusMonths(1) + "&to=" + THIS_MONTH)
                .then().statusCode(200).body("consistent", equalTo(true)).body("monthsChecked", equalTo(2));
    }

    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int low = (int) Math.floor(h);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    @Test
    @Order(2)
    void csvAnswersParse() {
        String csv = analyst.analytics().accept("text/csv").get("/api/v1/drugs/" + drugs.get(0) + "/usage?year="
                + THIS_MONTH.getYear()).then().statusCode(200).contentType(containsString("text/csv"))
                .extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(13, lines.size(), csv);
        assertEquals("month,drug_id,drug_code,drug_name,quantity,amount,prescriptions", lines.get(0));
        String[] cells = lines.get(THIS_MONTH.getMonthValue()).split(",");
        assertEquals(THIS_MONTH.toString(), cells[0]);
        assertEquals(usageThisMonth.get(drugs.get(0))[0].longValue(), Long.parseLong(cells[4]));
        assertEquals(usageThisMonth.get(drugs.get(0))[1].setScale(2), new BigDecimal(cells[5]));
        for (String path : List.of("/api/v1/drug-rankings", "/api/v1/departments/workload", "/api/v1/visits/trends",
                "/api/v1/dashboard", "/api/v1/patients/" + patientA + "/vital-signs/summary")) {
            // question 6 is a clinical read: the treating doctor asks it, the analyst the population answers
            Peer caller = path.contains("/vital-signs/") ? doctor : analyst;
            String body = caller.analytics().accept("text/csv").get(path).then().statusCode(200).extract().asString();
            List<String> rows = body.lines().toList();
            int columns = rows.get(0).split(",").length;
            rows.forEach(r -> assertEquals(columns, r.split(",", -1).length, path + ": " + r));
        }
    }

    @Test
    @Order(3)
    void syncIsIdempotentAndReportsNoLagWhenCaughtUp() {
        String before = rollupSnapshot();
        assertEquals(0, sync().getLong("events"));
        JsonPath status = analyst.analytics().get("/api/v1/sync/status").then().statusCode(200).extract().jsonPath();
        assertEquals(0, status.getLong("eventsBehind"));
        assertEquals(0, status.getLong("secondsBehind"));
        assertTrue(status.getBoolean("thisReplicaHoldsLease"));
        // replay everything: rewind the cursor, keep the facts; the rollups must not move
        pool.query("UPDATE sync_cursor SET last_seq = 0").execute().await().indefinitely();
        JsonPath behind = analyst.analytics().get("/api/v1/sync/status").then().statusCode(200).extract().jsonPath();
        assertTrue(behind.getLong("eventsBehind") > 0);
        assertTrue(sync().getLong("events") > 0);
        assertEquals(before, rollupSnapshot());
    }

    @Test
    @Order(4)
    void aSyncThatDiesMidBatchResumesWithoutDoubleCounting() {
        String before = rollupSnapshot();
        long cursor = analyst.analytics().get("/api/v1/sync/status").then().extract().jsonPath().getLong("cursor");
        JsonPath p = prescribe(visits.get(0), new long[][]{{drugs.get(0), 7}});
        JsonPath q = prescribe(visits.get(1), new long[][]{{drugs.get(1), 1}});
        expect(p);
        expect(q);
        writer.injectFailureAfter(1);
        JsonPath failed = sync();
        assertEquals("FAILED", failed.getString("outcome"));
        assertTrue(failed.getString("error").contains("injected"));
        assertEquals(before, rollupSnapshot(), "the half-applied batch was rolled back");
        assertEquals(cursor, analyst.analytics().get("/api/v1/sync/status").then().extract().jsonPath().getLong("cursor"));

        assertEquals("UP_TO_DATE", sync().getString("outcome"));
        long d1 = drugs.get(0);
        analyst.analytics().get("/api/v1/drugs/" + d1 + "/usage?year=" + THIS_MONTH.getYear()).then().statusCode(200)
                .body("months[" + (THIS_MONTH.getMonthValue() - 1) + "].quantity",
                        equalTo(usageThisMonth.get(d1)[0].intValue()));
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH + "&to=" + THIS_MONTH).then()
                .statusCode(200).body("consistent", equalTo(true));
    }

    @Test
    @Order(5)
    void writesCommittingWhileTheSyncRunsAreNotSkipped() throws Exception {
        ExecutorService pool4 = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonPath>> writes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                long drug = drugs.get(i % drugs.size());
                long visit = visits.get(i % visits.size());
                writes.add(pool4.submit(() -> prescribe(visit, new long[][]{{drug, 1}})));
            }
            // sync concurrently with the writers, several times, while commits land in any order
            for (int i = 0; i < 5; i++) {
                sync();
            }
            for (Future<JsonPath> w : writes) {
                expect(w.get());
            }
        } finally {
            pool4.shutdown();
        }
        assertEquals("UP_TO_DATE", sync().getString("outcome"));
        JsonPath ours = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH
                + "&n=100").then().statusCode(200).extract().jsonPath();
        for (Map.Entry<Long, BigDecimal[]> e : usageThisMonth.entrySet()) {
            assertEquals(e.getValue()[0].longValue(),
                    ((Number) ours.get("drugs.find { it.drugId == " + e.getKey() + " }.quantity")).longValue());
        }
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH + "&to=" + THIS_MONTH).then()
                .statusCode(200).body("consistent", equalTo(true));
    }

    @Test
    @Order(6)
    void reconciliationFindsAPlantedMismatch() {
        int key = THIS_MONTH.getYear() * 100 + THIS_MONTH.getMonthValue();
        pool.query("UPDATE rollup_drug_month SET quantity = quantity + 7 WHERE month_key = " + key + " AND drug_id = "
                + drugs.get(0)).execute().await().indefinitely();
        try {
            JsonPath report = analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH + "&to=" + THIS_MONTH)
                    .then().statusCode(200).extract().jsonPath();
            assertFalse(report.getBoolean("consistent"));
            // seen twice: in the month's total and in the drug's row of that month
            assertEquals(2, report.getInt("mismatchCount"));
            for (int i = 0; i < 2; i++) {
                assertEquals("rollup_drug_month", report.getString("mismatches[" + i + "].warehouseTable"));
                assertEquals("quantity", report.getString("mismatches[" + i + "].figure"));
                assertEquals(7, new BigDecimal(report.getString("mismatches[" + i + "].warehouse"))
                        .subtract(new BigDecimal(report.getString("mismatches[" + i + "].source"))).intValue());
            }
            assertEquals(null, report.getString("mismatches[0].dimension"));
            assertEquals("drug", report.getString("mismatches[1].dimension"));
            assertEquals(drugs.get(0), report.getLong("mismatches[1].dimensionId"));
            analyst.analytics().get("/api/v1/reconciliation/runs?size=1").then().statusCode(200)
                    .body("items[0].mismatchCount", equalTo(2)).body("totalItems", org.hamcrest.Matchers.greaterThan(1));
        } finally {
            pool.query("UPDATE rollup_drug_month SET quantity = quantity - 7 WHERE month_key = " + key
                    + " AND drug_id = " + drugs.get(0)).execute().await().indefinitely();
        }
    }

    @Test
    @Order(7)
    void reconciliationLeavesAMonthAwaitingItsRebuildPendingThenChecksIt() {
        int key = THIS_MONTH.getYear() * 100 + THIS_MONTH.getMonthValue();
        // as a bulk catch-up leaves it: the month is marked stale and its rollups are off (here by a planted 7);
        // another replica holds the sync lease, so the sync that reconciliation runs first cannot rebuild it
        pool.query("INSERT IGNORE INTO rollup_stale_month (month_key) VALUES (" + key + ")").execute()
                .await().indefinitely();
        pool.query("UPDATE rollup_drug_month SET quantity = quantity + 7 WHERE month_key = " + key + " AND drug_id = "
                + drugs.get(0)).execute().await().indefinitely();
        pool.query("UPDATE sync_lease SET owner = 'another-replica', expires_at = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR "
                + "WHERE name = 'sync'").execute().await().indefinitely();
        try {
            analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH.minusMonths(1) + "&to=" + THIS_MONTH)
                    .then().statusCode(200)
                    .body("mismatchCount", equalTo(0))
                    .body("pendingMonths", equalTo(List.of(THIS_MONTH.toString())))
                    .body("consistent", equalTo(false));
        } finally {
            pool.query("UPDATE sync_lease SET owner = NULL, expires_at = UTC_TIMESTAMP(6) WHERE name = 'sync'")
                    .execute().await().indefinitely();
        }
        // with the lease free the sync rebuilds the month from its facts (the planted 7 is gone) and it is compared
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH.minusMonths(1) + "&to=" + THIS_MONTH)
                .then().statusCode(200)
                .body("mismatchCount", equalTo(0))
                .body("pendingMonths", equalTo(List.of()))
                .body("consistent", equalTo(true));
        analyst.analytics().get("/api/v1/sync/status").then().statusCode(200).body("staleMonths", equalTo(List.of()));
    }

    @Test
    @Order(8)
    void chartsArePngWithTheRequestedDpiAndDrawnContentOrSvg() throws Exception {
        for (String path : List.of("/api/v1/drugs/" + drugs.get(0) + "/usage/chart", "/api/v1/drug-rankings/chart",
                "/api/v1/doctors/" + doctor.staffId() + "/top-drugs/chart", "/api/v1/departments/workload/chart",
                "/api/v1/visits/trends/chart", "/api/v1/patients/" + patientA + "/vital-signs/summary/chart",
                "/api/v1/dashboard/chart")) {
            Peer caller = path.contains("/vital-signs/") ? doctor : analyst;
            byte[] png = caller.analytics().get(path + "?format=png&dpi=150").then().statusCode(200)
                    .contentType("image/png").extract().asByteArray();
            assertEquals(5906, pixelsPerMetre(png), path);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(1667, image.getWidth(), path);
            assertEquals(1042, image.getHeight(), path);
            assertTrue(distinctColours(image) > 10, path + " has drawn content");
        }
        byte[] defaultDpi = analyst.analytics().get("/api/v1/dashboard/chart?format=png").then().statusCode(200)
                .extract().asByteArray();
        assertEquals(11811, pixelsPerMetre(defaultDpi), "300 DPI by default");
        String svg = analyst.analytics().get("/api/v1/drug-rankings/chart?format=svg").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        assertTrue(svg.contains("<svg"));
        // VectorGraphics2D draws text as outlines: the CJK title is there as glyph paths, viewable without the font
        assertTrue(svg.contains("<path d=\"M"), "text and bars drawn as vector paths");
    }

    /** The pHYs chunk's x pixels per unit (unit 1 = metre). */
    static int pixelsPerMetre(byte[] png) {
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.position(8);
        while (buffer.remaining() > 12) {
            int length = buffer.getInt();
            byte[] type = new byte[4];
            buffer.get(type);
            if ("pHYs".equals(new String(type, StandardCharsets.US_ASCII))) {
                int x = buffer.getInt();
                buffer.getInt();
                assertEquals(1, buffer.get(), "unit is the metre");
                return x;
            }
            buffer.position(buffer.position() + length + 4);
        }
        throw new AssertionError("no pHYs chunk");
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    @Order(9)
    void badParametersAndAccessGiveClearErrors() {
        analyst.analytics().get("/api/v1/drugs/999999/usage").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("drug 999999"));
        analyst.analytics().get("/api/v1/drug-rankings?from=2026-06&to=2026-01").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        analyst.analytics().get("/api/v1/departments/workload?from=2026-06-02&to=2026-06-01").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        for (String n : List.of("0", "101", "-3")) {
            analyst.analytics().get("/api/v1/drug-rankings?n=" + n).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("n"));
        }
        analyst.analytics().get("/api/v1/drug-rankings?from=2026-13").then().statusCode(400).body("errors.field",
                hasItem("from"));
        analyst.analytics().get("/api/v1/drug-rankings?by=price").then().statusCode(400).body("errors.field", hasItem("by"));
        analyst.analytics().get("/api/v1/drug-rankings/chart?dpi=10").then().statusCode(400).body("errors.field",
                hasItem("dpi"));
        analyst.analytics().get("/api/v1/drug-rankings/chart?format=gif").then().statusCode(400).body("errors.field",
                hasItem("format"));
        doctor.analytics().get("/api/v1/patients/" + patientA + "/vital-signs/summary?from=2026-02-01&to=2026-01-01")
                .then().statusCode(400).body("errors.field", hasItem("from"));
        admin.analytics().get("/api/v1/patients/99999999/vital-signs/summary").then().statusCode(404)
                .contentType("application/problem+json");
        // question 6 is a clinical read of one patient: no per-patient answer for an analyst or a pharmacist
        analyst.analytics().get("/api/v1/patients/" + patientA + "/vital-signs/summary").then().statusCode(403)
                .contentType("application/problem+json");
        pharmacist.analytics().get("/api/v1/patients/" + patientA + "/vital-signs/summary").then().statusCode(403);
        analyst.analytics().get("/api/v1/drug-rankings?departmentId=99999").then().statusCode(404);
        analyst.analytics().get("/api/v1/doctors/99999/top-drugs").then().statusCode(404);

        RestAssured.given().get("/api/v1/drug-rankings").then().statusCode(401);
        RestAssured.given().get("/api/v1/dashboard/chart").then().statusCode(401);
        doctor.analytics().get("/api/v1/departments/workload").then().statusCode(403);
        doctor.analytics().get("/api/v1/doctors/" + (doctor.staffId() + 1) + "/top-drugs").then().statusCode(403);
        doctor.analytics().post("/api/v1/sync").then().statusCode(403);
        pharmacist.analytics().get("/api/v1/drug-rankings").then().statusCode(403);
        // a doctor's Q1 counts only their own prescriptions: here they wrote all of them
        Response own = doctor.analytics().get("/api/v1/drugs/" + drugs.get(0) + "/usage?year=" + THIS_MONTH.getYear());
        own.then().statusCode(200).body("doctorId", equalTo((int) doctor.staffId()))
                .body("months[" + (THIS_MONTH.getMonthValue() - 1) + "].quantity",
                        equalTo(usageThisMonth.get(drugs.get(0))[0].intValue()));
    }

    @Test
    @Order(10)
    void aBulkCatchUpFromEmptyAnswersAsTheRecordsSay() {
        // the whole feed again into an empty warehouse, every batch in bulk (facts only), months rebuilt at the end
        WarehouseReset.reset(pool);
        syncService.forceBulk(true);
        JsonPath run;
        try {
            run = sync();
        } finally {
            syncService.forceBulk(false);
        }
        assertEquals("UP_TO_DATE", run.getString("outcome"), run.prettify());
        assertTrue(run.getInt("bulkBatches") > 0, run.prettify());
        assertTrue(run.getInt("monthsRebuilt") > 0, run.prettify());
        analyst.analytics().get("/api/v1/sync/status").then().statusCode(200).body("staleMonths.size()", equalTo(0));

        // every answer below is compared with what the tests created through patient-service (tests 1, 4 and 5)
        for (long drug : drugs) {
            BigDecimal[] u = usageThisMonth.getOrDefault(drug, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO,
                    BigDecimal.ZERO});
            JsonPath q1 = analyst.analytics().get("/api/v1/drugs/" + drug + "/usage?year=" + THIS_MONTH.getYear())
                    .then().statusCode(200).extract().jsonPath();
            Map<String, Object> month = q1.getMap("months[" + (THIS_MONTH.getMonthValue() - 1) + "]");
            assertEquals(u[0].longValue(), ((Number) month.get("quantity")).longValue(), "quantity of " + drug);
            assertEquals(u[1].setScale(2), dec(month.get("amount")), "amount of " + drug);
            assertEquals(u[2].longValue(), ((Number) month.get("prescriptions")).longValue(), "prescriptions of " + drug);
        }
        JsonPath ranking = analyst.analytics().get("/api/v1/drug-rankings?from=" + THIS_MONTH + "&to=" + THIS_MONTH
                + "&n=100&departmentId=" + department).then().statusCode(200).extract().jsonPath();
        for (Map.Entry<Long, BigDecimal[]> e : usageThisMonth.entrySet()) {
            assertEquals(e.getValue()[0].longValue(),
                    ((Number) ranking.get("drugs.find { it.drugId == " + e.getKey() + " }.quantity")).longValue());
        }
        JsonPath q3 = doctor.analytics().get("/api/v1/doctors/" + doctor.staffId() + "/top-drugs?from=" + THIS_MONTH
                + "&to=" + THIS_MONTH + "&n=10").then().statusCode(200).extract().jsonPath();
        assertEquals(usageThisMonth.size(), q3.getList("drugs").size());
        for (Map.Entry<Long, BigDecimal[]> e : usageThisMonth.entrySet()) {
            assertEquals(e.getValue()[2].longValue(),
                    ((Number) q3.get("drugs.find { it.drugId == " + e.getKey() + " }.prescriptions")).longValue());
        }
        JsonPath q4 = analyst.analytics().get("/api/v1/departments/workload?from=" + THIS_MONTH.atDay(1) + "&to="
                + THIS_MONTH.atEndOfMonth() + "&granularity=month&departmentId=" + department).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(prescriptionsThisMonth, q4.getInt("rows[0].prescriptions"));
        assertEquals(usageThisMonth.values().stream().map(u -> u[1]).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2), dec(q4.get("rows[0].revenue")));
        JsonPath q5 = analyst.analytics().get("/api/v1/visits/trends?from=" + TODAY.minusDays(3) + "&to=" + TODAY
                + "&granularity=day").then().statusCode(200).extract().jsonPath();
        assertEquals(visitsByDayAndType, visitsByPeriodAndType(q5));
        analyst.analytics().post("/api/v1/reconciliation?from=" + THIS_MONTH.minusMonths(1) + "&to=" + THIS_MONTH)
                .then().statusCode(200).body("consistent", equalTo(true));
    }

    /** Question 5's rows summed per "period|visitType" (rows are split by department too). */
    private static Map<String, Integer> visitsByPeriodAndType(JsonPath trends) {
        Map<String, Integer> trend = new HashMap<>();
        for (Map<String, Object> row : trends.<Map<String, Object>>getList("rows")) {
            trend.merge(row.get("period") + "|" + row.get("visitType"), ((Number) row.get("visits")).intValue(),
                    Integer::sum);
        }
        return trend;
    }
}
