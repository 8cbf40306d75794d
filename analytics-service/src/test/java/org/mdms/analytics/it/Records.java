package org.mdms.analytics.it;

import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records made in the REAL patient-service through its API (admin, doctor, pharmacist), in a department and with
 * drugs of their own, so every answer a test checks can be scoped to them whatever other tests made before: three
 * drugs used and one never used, two patients, three visits (two of them two days ago), three prescriptions (one
 * dispensed, one cancelled) and patient A's vital signs. Keeps the figures the answers must give.
 */
final class Records {

    private static final AtomicInteger MADE = new AtomicInteger();

    // signed in afresh by signIn(): another test class may revoke these users' tokens (RevocationTest does)
    static Peer ADMIN;
    static Peer DOCTOR;
    static Peer PHARMACIST;
    static Peer ANALYST;

    /** Patient A's heart rates, hourly up to an hour ago; 160 is the outlier. */
    static final int[] HEART_RATES = {70, 72, 68, 75, 71, 69, 73, 74, 70, 160};

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    final YearMonth thisMonth = YearMonth.from(today);
    final long department;
    /** The three drugs prescribed, in catalogue order. */
    final List<Long> drugs = new ArrayList<>();
    final Map<Long, String> drugNames = new HashMap<>();
    /** A drug of this catalogue nobody prescribes. */
    final long unusedDrug;
    final long patientA;
    final long patientB;
    final List<Long> visits = new ArrayList<>();

    /** drug -> [quantity, amount, prescriptions] this month, of the prescriptions not cancelled. */
    final Map<Long, BigDecimal[]> usageThisMonth = new LinkedHashMap<>();
    int prescriptionsThisMonth;
    /** "day|visitType" -> visits. */
    final Map<String, Integer> visitsByDayAndType = new HashMap<>();
    /** Vital sign measurements per UTC day. */
    final Map<LocalDate, Integer> vitalsByDay = new HashMap<>();

    private Records() {
        String tag = "R" + Long.toString(System.currentTimeMillis(), 36).toUpperCase() + "-" + MADE.incrementAndGet();
        long hospital = DOCTOR.records().get("/api/v1/departments/" + DOCTOR.records()
                        .get("/api/v1/staff/" + DOCTOR.staffId()).then().statusCode(200).extract().jsonPath()
                        .getLong("departmentId"))
                .then().statusCode(200).extract().jsonPath().getLong("hospitalId");
        department = ADMIN.records().body(Map.of("hospitalId", hospital, "code", tag, "name", "测试科" + tag))
                .post("/api/v1/departments").then().log().ifValidationFails().statusCode(201).extract().jsonPath().getLong("id");
        String[] prices = {"1.25", "3.50", "12.80", "0.99"};
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            String name = "测试药" + tag + "-" + i;
            long id = ADMIN.records().body(Map.of("code", tag + "-D" + i, "name", name, "category", "测试",
                            "dosageForm", "片剂", "strength", "10mg", "unit", "片", "price", new BigDecimal(prices[i])))
                    .post("/api/v1/drugs").then().log().ifValidationFails().statusCode(201).extract().jsonPath().getLong("id");
            made.add(id);
            drugNames.put(id, name);
        }
        drugs.addAll(made.subList(0, 3));
        unusedDrug = made.get(3);
        patientA = patient(tag + "-A", "FEMALE");
        patientB = patient(tag + "-B", "MALE");
    }

    /** Signs the demo users in again; each test calls it first, so no token revoked by an earlier test is used. */
    static void signIn() {
        ADMIN = Peer.login("admin");
        DOCTOR = Peer.login("doctor");
        PHARMACIST = Peer.login("pharmacist");
        ANALYST = Peer.login("analyst");
    }

    /** Signs in, makes the records and syncs the warehouse, so every answer already includes them. */
    static Records make() {
        signIn();
        Records r = new Records();
        Instant twoDaysAgo = r.now.minus(2, ChronoUnit.DAYS);
        r.visits.add(r.visit(r.patientA, "OUTPATIENT", r.now.minus(1, ChronoUnit.HOURS)));
        r.visits.add(r.visit(r.patientA, "EMERGENCY", twoDaysAgo));
        r.visits.add(r.visit(r.patientB, "OUTPATIENT", twoDaysAgo.plus(1, ChronoUnit.HOURS)));
        long d1 = r.drugs.get(0);
        long d2 = r.drugs.get(1);
        long d3 = r.drugs.get(2);
        JsonPath p1 = r.prescribe(r.visits.get(0), new long[][]{{d1, 2}, {d2, 1}, {d1, 3}});
        JsonPath p2 = r.prescribe(r.visits.get(1), new long[][]{{d1, 4}});
        JsonPath p3 = r.prescribe(r.visits.get(2), new long[][]{{d3, 5}, {d2, 2}});
        PHARMACIST.records().post("/api/v1/prescriptions/" + p1.getLong("id") + "/dispense").then().statusCode(200);
        DOCTOR.records().body(Map.of("reason", "患者过敏")).post("/api/v1/prescriptions/" + p3.getLong("id") + "/cancel")
                .then().statusCode(200);
        r.expect(p1);
        r.expect(p2);
        for (int i = 0; i < HEART_RATES.length; i++) {
            r.vital(Map.of("patientId", r.patientA, "type", "HEART_RATE", "value", HEART_RATES[i],
                    "measuredAt", r.now.minus(10 - i, ChronoUnit.HOURS).toString()));
        }
        r.vital(Map.of("patientId", r.patientA, "type", "BLOOD_PRESSURE", "value", 128, "secondaryValue", 82,
                "measuredAt", r.now.minus(3, ChronoUnit.HOURS).toString()));
        JsonPath run = sync();
        if (!"UP_TO_DATE".equals(run.getString("outcome"))) {
            throw new AssertionError("sync after making the records: " + run.prettify());
        }
        return r;
    }

    /** Runs a sync as the analyst; 200 whatever its outcome. */
    static JsonPath sync() {
        return ANALYST.analytics().post("/api/v1/sync").then().statusCode(200).extract().jsonPath();
    }

    private static long patient(String mrn, String gender) {
        return ADMIN.records().body(Map.of("mrn", mrn, "name", "测试患者" + mrn, "gender", gender,
                        "birthDate", "1970-03-04"))
                .post("/api/v1/patients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long visit(long patient, String type, Instant startedAt) {
        long id = DOCTOR.records().body(Map.of("patientId", patient, "doctorId", DOCTOR.staffId(),
                        "departmentId", department, "type", type, "startedAt", startedAt.toString(),
                        "chiefComplaint", "头痛"))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
        visitsByDayAndType.merge(LocalDate.ofInstant(startedAt, ZoneOffset.UTC) + "|" + type, 1, Integer::sum);
        return id;
    }

    private void vital(Map<String, Object> body) {
        DOCTOR.records().body(body).post("/api/v1/vital-signs").then().statusCode(201);
        vitalsByDay.merge(LocalDate.ofInstant(Instant.parse((String) body.get("measuredAt")), ZoneOffset.UTC), 1,
                Integer::sum);
    }

    /** Issues a prescription as the doctor (not yet in the expectations: see {@link #expect}); its JSON. */
    JsonPath prescribe(long visit, long[][] drugAndQuantity) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (long[] line : drugAndQuantity) {
            items.add(Map.of("drugId", line[0], "quantity", (int) line[1], "dosage", "每次1片", "frequency", "每日3次",
                    "days", 7));
        }
        return DOCTOR.records().body(Map.of("visitId", visit, "items", items))
                .post("/api/v1/prescriptions").then().statusCode(201).extract().jsonPath();
    }

    /** Adds a (not cancelled) prescription's server-priced items to the expectations. */
    synchronized void expect(JsonPath prescription) {
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
        }
    }

    /** [quantity, amount, prescriptions] of a drug this month; zeros for one not prescribed. */
    BigDecimal[] usage(long drug) {
        return usageThisMonth.getOrDefault(drug, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** The drugs by quantity this month, most first, ties by id. */
    List<Long> drugsByQuantity() {
        return usageThisMonth.entrySet().stream()
                .sorted((a, b) -> b.getValue()[0].compareTo(a.getValue()[0]) != 0
                        ? b.getValue()[0].compareTo(a.getValue()[0]) : Long.compare(a.getKey(), b.getKey()))
                .map(Map.Entry::getKey).toList();
    }

    BigDecimal revenueThisMonth() {
        return usageThisMonth.values().stream().map(u -> u[1]).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    /** Visits per UTC day. */
    Map<String, Integer> visitsByDay() {
        Map<String, Integer> perDay = new HashMap<>();
        visitsByDayAndType.forEach((k, v) -> perDay.merge(k.split("\\|")[0], v, Integer::sum));
        return perDay;
    }

    /** Question 5's rows of this department summed per "period|visitType". */
    Map<String, Integer> visitsByPeriodAndType(JsonPath trends) {
        Map<String, Integer> trend = new HashMap<>();
        for (Map<String, Object> row : trends.<Map<String, Object>>getList("rows")) {
            if (((Number) row.get("departmentId")).longValue() == department) {
                trend.merge(row.get("period") + "|" + row.get("visitType"), ((Number) row.get("visits")).intValue(),
                        Integer::sum);
            }
        }
        return trend;
    }

    static BigDecimal dec(Object value) {
        return new BigDecimal(value.toString()).setScale(2);
    }
}
