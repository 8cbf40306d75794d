package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The independent oracle of issue 12: a randomised workload goes through the REAL patient-service's API (create,
 * update, move a visit to another department, change its doctor, cancel it, dispense, cancel a prescription, reprice
 * a drug, correct and soft-delete patients, vital signs at the edges of the validation rules, typed in and sent by a
 * bedside monitor in batches that reach the feed as VITAL_SIGN_BATCH events), the warehouse syncs,
 * and DuckDB, loaded from a consistent read-only snapshot of patient-service's own schema (mdms_records, never the
 * warehouse), answers the seven questions with plain SQL written from their definitions. Every answer of the API
 * (rollups and, where offered, raw facts) must equal DuckDB's exactly, money to the cent. Two rounds, so changes to
 * records already in the warehouse are covered. The seed is printed; set -Doracle.seed to replay one.
 */
@QuarkusTest
class OracleTest {

    @Inject
    Pool pool;

    final long seed = Long.getLong("oracle.seed", System.nanoTime());
    final Random random = new Random(seed);
    final YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    Peer admin;
    Peer analyst;
    Peer pharmacist;
    final List<Peer> doctors = new ArrayList<>();
    final List<Long> departments = new ArrayList<>();
    final List<Long> drugs = new ArrayList<>();
    final Map<Long, Map<String, Object>> drugBodies = new HashMap<>();
    final Map<Long, Map<String, Object>> patientBodies = new LinkedHashMap<>();
    final List<Long> livePatients = new ArrayList<>();
    final Map<Long, Map<String, Object>> openVisits = new LinkedHashMap<>();
    final List<Long> issued = new ArrayList<>();
    final List<Long> prescribedVisits = new ArrayList<>();
    long monitor;
    String monitorCredential;
    int compared;

    @Test
    void theApiAnswersAsDuckDbDoesFromTheRecords() throws Exception {
        System.out.println("OracleTest seed " + seed + " (replay with -Doracle.seed=" + seed + ")");
        RestAssuredConfig before = RestAssured.config;
        // money is compared to the cent: read JSON decimals as BigDecimal, not float
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        try {
            WarehouseReset.reset(pool);
            setUp();
            for (int round = 1; round <= 2; round++) {
                for (int op = 0; op < 35; op++) {
                    step();
                }
                dependentChanges();
                monitorBatch(round);
                analyst.analytics().post("/api/v1/sync").then().statusCode(200).body("outcome", equalTo("UP_TO_DATE"));
                try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                    snapshot(duck);
                    long started = System.nanoTime();
                    compareAll(duck, "round " + round + " seed " + seed);
                    System.out.printf("OracleTest round %d: %d answers equal DuckDB's (%d ms to compare)%n", round,
                            compared, (System.nanoTime() - started) / 1_000_000);
                }
            }
        } finally {
            RestAssured.config = before;
        }
    }

    // ------------------------------------------------------------------ workload through patient-service's API

    private void setUp() {
        admin = Peer.login("admin");
        analyst = Peer.login("analyst");
        pharmacist = Peer.login("pharmacist");
        Peer demoDoctor = Peer.login("doctor");
        doctors.add(demoDoctor);
        long home = demoDoctor.records().get("/api/v1/staff/" + demoDoctor.staffId()).then().statusCode(200)
                .extract().jsonPath().getLong("departmentId");
        long hospital = admin.records().get("/api/v1/departments/" + home).then().statusCode(200).extract().jsonPath()
                .getLong("hospitalId");
        departments.add(home);
        for (int i = 0; i < 2; i++) {
            departments.add(admin.records().body(Map.of("hospitalId", hospital, "code", unique("ORC"), "name",
                    "神谕科" + i)).post("/api/v1/departments").then().statusCode(201).extract().jsonPath().getLong("id"));
        }
        for (int i = 0; i < 2; i++) {
            String username = unique("oracle-doc");
            long user = admin.records().body(Map.of("username", username, "password", "mdms-demo", "role", "DOCTOR",
                    "displayName", "神谕医生" + i)).post("/api/v1/users").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            admin.records().body(Map.of("userId", user, "departmentId", departments.get(1 + i), "staffNo",
                    unique("S"), "name", "神谕医生" + i, "kind", "DOCTOR")).post("/api/v1/staff").then().statusCode(201);
            doctors.add(Peer.login(username));
        }
        JsonPath catalogue = admin.records().get("/api/v1/drugs?size=4&sort=id,asc").then().statusCode(200).extract()
                .jsonPath();
        drugs.addAll(catalogue.getList("items.id", Long.class));
        for (String price : List.of("0.35", "12.45", "99.99")) {
            Map<String, Object> body = new HashMap<>(Map.of("code", unique("ORC"), "name", "神谕药" + price,
                    "genericName", "Oraculum", "category", "测试", "dosageForm", "片剂", "strength", "5mg", "unit", "片",
                    "price", new BigDecimal(price), "manufacturer", "神谕制药"));
            long id = admin.records().body(body).post("/api/v1/drugs").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            drugs.add(id);
            drugBodies.put(id, body);
        }
        for (int i = 0; i < 5; i++) {
            createPatient();
        }
        // a bedside monitor on a patient of its own (never deleted): its readings reach the feed as VITAL_SIGN_BATCH
        Map<String, Object> body = new HashMap<>(Map.of("mrn", unique("ORC"), "name", "神谕监护患者", "gender", "FEMALE",
                "birthDate", "1956-03-08"));
        long patient = admin.records().body(body).post("/api/v1/patients").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        patientBodies.put(patient, body);
        monitor = admin.records().body(Map.of("serialNumber", unique("ORC-MON"), "type", "BEDSIDE_MONITOR"))
                .post("/api/v1/devices").then().statusCode(201).extract().jsonPath().getLong("id");
        admin.records().body(Map.of("patientId", patient, "startedAt", Instant.now().minus(23, ChronoUnit.HOURS)
                .toString())).post("/api/v1/devices/" + monitor + "/assignments").then().statusCode(201);
        monitorCredential = admin.records().post("/api/v1/devices/" + monitor + "/credentials").then()
                .statusCode(200).extract().path("authorization");
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 100_000_000L, 36);
    }

    private <T> T any(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private void createPatient() {
        Map<String, Object> body = new HashMap<>(Map.of("mrn", unique("ORC"), "name", "神谕患者", "gender",
                random.nextBoolean() ? "MALE" : "FEMALE", "birthDate", LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString()));
        long id = admin.records().body(body).post("/api/v1/patients").then().statusCode(201).extract().jsonPath()
                .getLong("id");
        patientBodies.put(id, body);
        livePatients.add(id);
    }

    private Instant someTimeThisWeek() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(random.nextInt(6 * 24 * 60) + 1, ChronoUnit.MINUTES);
    }

    private void step() {
        int dice = random.nextInt(100);
        if (openVisits.isEmpty() || dice < 15) {
            Peer doctor = any(doctors);
            Map<String, Object> body = new HashMap<>(Map.of("patientId", any(livePatients), "doctorId",
                    doctor.staffId(), "departmentId", any(departments), "type",
                    any(List.of("OUTPATIENT", "EMERGENCY", "INPATIENT")), "startedAt", someTimeThisWeek().toString()));
            long id = doctor.records().body(body).post("/api/v1/visits").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            openVisits.put(id, body);
        } else if (dice < 45) {
            long visit = any(new ArrayList<>(openVisits.keySet()));
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                items.add(Map.of("drugId", any(drugs), "quantity", 1 + random.nextInt(60), "dosage", "每次1片",
                        "frequency", "每日2次", "days", 3));
            }
            issued.add(treatingDoctor(openVisits.get(visit)).records().body(Map.of("visitId", visit, "items", items))
                    .post("/api/v1/prescriptions").then().statusCode(201).extract().jsonPath().getLong("id"));
            prescribedVisits.add(visit);
        } else if (dice < 52 && !issued.isEmpty()) {
            long p = issued.remove(random.nextInt(issued.size()));
            pharmacist.records().post("/api/v1/prescriptions/" + p + "/dispense").then().statusCode(200);
        } else if (dice < 59 && !issued.isEmpty()) {
            long p = issued.remove(random.nextInt(issued.size()));
            admin.records().body(Map.of("reason", "神谕取消")).post("/api/v1/prescriptions/" + p + "/cancel").then()
                    .statusCode(200);
        } else if (dice < 69) {
            // move the visit to another department, or hand it to another doctor
            long visit = any(new ArrayList<>(openVisits.keySet()));
            Map<String, Object> body = openVisits.get(visit);
            if (random.nextBoolean()) {
                body.put("departmentId", any(departments));
            } else {
                body.put("doctorId", any(doctors).staffId());
            }
            admin.records().body(body).put("/api/v1/visits/" + visit).then().statusCode(200);
        } else if (dice < 72 && openVisits.size() > 2) {
            long visit = any(new ArrayList<>(openVisits.keySet()));
            Map<String, Object> body = openVisits.remove(visit);
            body.put("status", "CANCELLED");
            admin.records().body(body).put("/api/v1/visits/" + visit).then().statusCode(200);
        } else if (dice < 76) {
            long drug = any(new ArrayList<>(drugBodies.keySet()));
            Map<String, Object> body = drugBodies.get(drug);
            body.put("price", BigDecimal.valueOf(1 + random.nextInt(20000), 2));
            admin.records().body(body).put("/api/v1/drugs/" + drug).then().statusCode(200);
        } else if (dice < 92) {
            vitalSign();
        } else if (dice < 96) {
            long patient = any(livePatients);
            Map<String, Object> body = patientBodies.get(patient);
            body.put("gender", "MALE".equals(body.get("gender")) ? "FEMALE" : "MALE");
            admin.records().body(body).put("/api/v1/patients/" + patient).then().statusCode(200);
        } else if (livePatients.size() > 3) {
            long patient = livePatients.remove(random.nextInt(livePatients.size()));
            openVisits.values().removeIf(v -> ((Number) v.get("patientId")).longValue() == patient);
            admin.records().queryParam("reason", "神谕").delete("/api/v1/patients/" + patient).then().statusCode(200);
            createPatient();
        } else {
            createPatient();
        }
    }

    /**
     * A doctor who may prescribe on this open visit under the care relationship: its own doctor or a doctor of its
     * department (doctor k works in department k, see setUp), so the prescriber is not always the visit's doctor.
     */
    private Peer treatingDoctor(Map<String, Object> visit) {
        long doctorId = ((Number) visit.get("doctorId")).longValue();
        long departmentId = ((Number) visit.get("departmentId")).longValue();
        List<Peer> treating = new ArrayList<>();
        for (int k = 0; k < doctors.size(); k++) {
            if (doctors.get(k).staffId() == doctorId || departments.get(k) == departmentId) {
                treating.add(doctors.get(k));
            }
        }
        return any(treating);
    }

    /**
     * Every round ends with the changes a fact depends on, so they are never left to chance: an open visit with
     * prescriptions moves to another department and is handed to another doctor, and a drug is repriced.
     */
    private void dependentChanges() {
        long visit = prescribedVisits.stream().filter(openVisits::containsKey).reduce((a, b) -> b).orElseGet(() -> {
            Peer doctor = doctors.get(0);
            Map<String, Object> created = new HashMap<>(Map.of("patientId", livePatients.get(0), "doctorId",
                    doctor.staffId(), "departmentId", departments.get(0), "type", "OUTPATIENT", "startedAt",
                    someTimeThisWeek().toString()));
            long id = doctor.records().body(created).post("/api/v1/visits").then().statusCode(201).extract()
                    .jsonPath().getLong("id");
            openVisits.put(id, created);
            doctor.records().body(Map.of("visitId", id, "items", List.of(Map.of("drugId", drugs.get(0), "quantity", 3,
                    "dosage", "每次1片", "frequency", "每日2次", "days", 3)))).post("/api/v1/prescriptions").then()
                    .statusCode(201);
            return id;
        });
        Map<String, Object> body = openVisits.get(visit);
        long department = ((Number) body.get("departmentId")).longValue();
        body.put("departmentId", departments.get((departments.indexOf(department) + 1) % departments.size()));
        long doctor = ((Number) body.get("doctorId")).longValue();
        body.put("doctorId", doctors.stream().map(Peer::staffId).filter(d -> d != doctor).findFirst().orElseThrow());
        admin.records().body(body).put("/api/v1/visits/" + visit).then().statusCode(200);
        long drug = any(new ArrayList<>(drugBodies.keySet()));
        drugBodies.get(drug).put("price", BigDecimal.valueOf(1 + random.nextInt(20000), 2));
        admin.records().body(drugBodies.get(drug)).put("/api/v1/drugs/" + drug).then().statusCode(200);
    }

    /** Vital signs at the edges of their validation rules (type, value, secondary value). */
    private static final List<String[]> VITAL_CHOICES = List.of(new String[][]{{"HEART_RATE", "20", null},
            {"HEART_RATE", "300", null}, {"HEART_RATE", "72.50", null}, {"SPO2", "0", null}, {"SPO2", "100", null},
            {"SPO2", "97.35", null}, {"TEMPERATURE", "30.0", null}, {"TEMPERATURE", "45.0", null},
            {"TEMPERATURE", "36.85", null}, {"BLOOD_PRESSURE", "250", "149"}, {"BLOOD_PRESSURE", "50", "30"},
            {"BLOOD_PRESSURE", "120.15", "80.05"}});

    /**
     * The monitor's batch of the round: 1,100 readings (three VITAL_SIGN_BATCH events of patient-service's 500 per
     * event) inside the late window, then its first 50 again (duplicates, dropped, no event).
     */
    private void monitorBatch(int round) {
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(round == 1 ? 20 : 10, ChronoUnit.HOURS);
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            String[] c = any(VITAL_CHOICES);
            Map<String, Object> reading = new HashMap<>(Map.of("type", c[0], "value", new BigDecimal(c[1]),
                    "measuredAt", first.plusSeconds(7L * i).toString()));
            if (c[2] != null) {
                reading.put("secondaryValue", new BigDecimal(c[2]));
            }
            readings.add(reading);
        }
        readings.addAll(List.copyOf(readings.subList(0, 50)));
        RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType("application/json")
                .header("Authorization", monitorCredential).body(readings)
                .post("/api/v1/devices/" + monitor + "/measurements").then().statusCode(200)
                .body("accepted", equalTo(1100)).body("duplicates", equalTo(50)).body("refused", equalTo(0));
    }

    /** A vital sign, often at the edge of its validation rule. */
    private void vitalSign() {
        String[] c = any(VITAL_CHOICES);
        Map<String, Object> body = new HashMap<>(Map.of("patientId", any(livePatients),
                "type", c[0], "value", new BigDecimal(c[1]), "measuredAt", someTimeThisWeek().toString()));
        if (c[2] != null) {
            body.put("secondaryValue", new BigDecimal(c[2]));
        }
        // recorded by an admin: any patient, treated or not (a doctor needs the care relationship)
        admin.records().body(body).post("/api/v1/vital-signs").then().statusCode(201);
    }

    // ------------------------------------------------------------------ snapshot of the records into DuckDB

    private void snapshot(Connection duck) throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = "jdbc:mysql://" + config.getValue("mdms.db.host", String.class) + ":"
                + config.getValue("mdms.db.port", String.class)
                + "/mdms_records?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
        try (Connection records = DriverManager.getConnection(url, config.getValue("mdms.db.user", String.class),
                config.getValue("mdms.db.password", String.class)); Statement st = records.createStatement()) {
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            copy(records, duck, "drug", "id BIGINT, code VARCHAR, name VARCHAR", "SELECT id, code, name FROM drug");
            copy(records, duck, "department", "id BIGINT, name VARCHAR", "SELECT id, name FROM department");
            copy(records, duck, "visit", "id BIGINT, department_id BIGINT, type VARCHAR, status VARCHAR, "
                    + "started_at TIMESTAMP", "SELECT id, department_id, type, status, "
                    + "DATE_FORMAT(started_at, '%Y-%m-%d %H:%i:%s.%f') FROM visit");
            copy(records, duck, "prescription", "id BIGINT, visit_id BIGINT, doctor_id BIGINT, status VARCHAR, "
                    + "issued_at TIMESTAMP", "SELECT id, visit_id, doctor_id, status, "
                    + "DATE_FORMAT(issued_at, '%Y-%m-%d %H:%i:%s.%f') FROM prescription");
            copy(records, duck, "prescription_item", "id BIGINT, prescription_id BIGINT, drug_id BIGINT, "
                    + "quantity INTEGER, amount DECIMAL(12, 2)", "SELECT id, prescription_id, drug_id, quantity, amount "
                    + "FROM prescription_item");
            copy(records, duck, "vital_sign", "id BIGINT, patient_id BIGINT, type VARCHAR, value DECIMAL(6, 2), "
                    + "secondary_value DECIMAL(6, 2), abnormal BOOLEAN, measured_at TIMESTAMP", "SELECT id, patient_id, "
                    + "type, value, secondary_value, abnormal, DATE_FORMAT(measured_at, '%Y-%m-%d %H:%i:%s.%f') "
                    + "FROM vital_sign");
            st.execute("COMMIT");
        }
    }

    private static void copy(Connection from, Connection duck, String table, String columns, String select)
            throws SQLException {
        try (Statement ddl = duck.createStatement()) {
            ddl.execute("CREATE OR REPLACE TABLE " + table + " (" + columns + ")");
        }
        List<String> casts = new ArrayList<>();
        for (String column : columns.split(",(?![^(]*\\))")) {
            casts.add("CAST(? AS " + column.strip().substring(column.strip().indexOf(' ') + 1) + ")");
        }
        int n = casts.size();
        try (Statement st = from.createStatement(); ResultSet rows = st.executeQuery(select);
             PreparedStatement insert = duck.prepareStatement("INSERT INTO " + table + " VALUES ("
                     + String.join(", ", casts) + ")")) {
            while (rows.next()) {
                for (int i = 1; i <= n; i++) {
                    insert.setObject(i, rows.getObject(i) instanceof BigDecimal d ? d : rows.getString(i));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<String> rows(Connection duck, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = duck.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        cells.add(v instanceof BigDecimal d ? d.setScale(2).toPlainString() : String.valueOf(v));
                    }
                    out.add(String.join("|", cells));
                }
            }
            return out;
        }
    }

    private static String money(Object value) {
        return new BigDecimal(value.toString()).setScale(2).toPlainString();
    }

    private static String cents(Object value) {
        return BigDecimal.valueOf(((Number) value).longValue(), 2).toPlainString();
    }

    // ------------------------------------------------------------------ the seven questions, both ways

    private void compareAll(Connection duck, String context) throws SQLException {
        String monthStart = thisMonth.minusMonths(1).atDay(1) + " 00:00:00";
        String monthEnd = thisMonth.plusMonths(1).atDay(1) + " 00:00:00";
        List<Long> allDepartments = new ArrayList<>(departments);
        for (String source : List.of("rollup", "facts")) {
            // Q1: each drug of the workload, month by month this year
            for (long drug : drugs) {
                List<String> expected = new ArrayList<>();
                Map<String, String> found = new HashMap<>();
                for (String row : rows(duck, """
                        SELECT strftime(p.issued_at, '%Y-%m'), SUM(i.quantity), SUM(i.amount), COUNT(DISTINCT p.id)
                        FROM prescription p JOIN prescription_item i ON i.prescription_id = p.id
                        WHERE p.status <> 'CANCELLED' AND i.drug_id = ? AND year(p.issued_at) = ?
                        GROUP BY 1""", drug, thisMonth.getYear())) {
                    found.put(row.substring(0, 7), row);
                }
                for (int m = 1; m <= 12; m++) {
                    String month = YearMonth.of(thisMonth.getYear(), m).toString();
                    expected.add(found.getOrDefault(month, month + "|0|0.00|0"));
                }
                JsonPath q1 = analyst.analytics().get("/api/v1/drugs/" + drug + "/usage?year=" + thisMonth.getYear()
                        + "&source=" + source).then().statusCode(200).extract().jsonPath();
                List<String> answered = new ArrayList<>();
                for (Map<String, Object> m : q1.<Map<String, Object>>getList("months")) {
                    answered.add(m.get("month") + "|" + m.get("quantity") + "|" + money(m.get("amount")) + "|"
                            + m.get("prescriptions"));
                }
                assertEquals(expected, answered, context + " Q1 drug " + drug + " " + source);
                compared++;
            }
            // Q2: every catalogue drug ranked, by quantity and amount, top and bottom, overall and per department
            List<Long> scopes = new ArrayList<>(allDepartments);
            scopes.add(null);
            for (Long department : scopes) {
                for (String by : List.of("quantity", "amount")) {
                    for (String order : List.of("top", "bottom")) {
                        if (department != null && by.equals("amount") == order.equals("top")) {
                            continue; // per department, two of the four orderings keep the run short
                        }
                        compared++;
                        List<String> expected = rows(duck, "WITH u AS (SELECT i.drug_id, SUM(i.quantity) AS q, "
                                + "SUM(i.amount) AS a, COUNT(DISTINCT p.id) AS n FROM prescription p "
                                + "JOIN visit v ON v.id = p.visit_id JOIN prescription_item i ON i.prescription_id = p.id "
                                + "WHERE p.status <> 'CANCELLED' AND p.issued_at >= CAST(? AS TIMESTAMP) "
                                + "AND p.issued_at < CAST(? AS TIMESTAMP)"
                                + (department == null ? "" : " AND v.department_id = " + department)
                                + " GROUP BY 1) SELECT d.id, COALESCE(u.q, 0), CAST(COALESCE(u.a, 0) AS DECIMAL(16, 2)), "
                                + "COALESCE(u.n, 0) FROM drug d LEFT JOIN u ON u.drug_id = d.id ORDER BY "
                                + ("amount".equals(by) ? "COALESCE(u.a, 0)" : "COALESCE(u.q, 0)")
                                + ("top".equals(order) ? " DESC" : " ASC") + ", d.id LIMIT 100", monthStart, monthEnd);
                        JsonPath q2 = analyst.analytics().get("/api/v1/drug-rankings?from=" + thisMonth.minusMonths(1)
                                + "&to=" + thisMonth + "&by=" + by + "&order=" + order + "&n=100&source=" + source
                                + (department == null ? "" : "&departmentId=" + department)).then().statusCode(200)
                                .extract().jsonPath();
                        assertEquals(expected, ranked(q2), context + " Q2 " + by + " " + order + " department "
                                + department + " " + source);
                    }
                }
            }
            // Q3: each doctor's drugs, only those they prescribed
            for (Peer doctor : doctors) {
                for (String by : List.of("quantity", "amount")) {
                    List<String> expected = rows(duck, "SELECT i.drug_id, SUM(i.quantity), SUM(i.amount), "
                            + "COUNT(DISTINCT p.id) FROM prescription p JOIN prescription_item i ON i.prescription_id = p.id "
                            + "WHERE p.status <> 'CANCELLED' AND p.doctor_id = ? AND p.issued_at >= CAST(? AS TIMESTAMP) "
                            + "AND p.issued_at < CAST(? AS TIMESTAMP) GROUP BY 1 ORDER BY "
                            + ("amount".equals(by) ? "SUM(i.amount)" : "SUM(i.quantity)") + " DESC, 1 LIMIT 100",
                            doctor.staffId(), monthStart, monthEnd);
                    JsonPath q3 = analyst.analytics().get("/api/v1/doctors/" + doctor.staffId() + "/top-drugs?from="
                            + thisMonth.minusMonths(1) + "&to=" + thisMonth + "&by=" + by + "&n=100&source=" + source)
                            .then().statusCode(200).extract().jsonPath();
                    assertEquals(expected, ranked(q3), context + " Q3 doctor " + doctor.staffId() + " " + by);
                    compared++;
                }
            }
            // Q4 and Q5: by day, week and month over the last 8 days, overall and per department
            for (String granularity : List.of("day", "week", "month")) {
                // "day" below is replaced by the date expression of the table asked
                String period = switch (granularity) {
                    case "week" -> "strftime(date_trunc('week', day), '%Y-%m-%d')";
                    case "month" -> "strftime(day, '%Y-%m')";
                    default -> "strftime(day, '%Y-%m-%d')";
                };
                for (Long department : scopes) {
                    if (department != null && !granularity.equals("day")) {
                        continue; // departments by day only, to keep the run short
                    }
                    compared += 2;
                    String where = department == null ? "" : " WHERE department_id = " + department;
                    List<String> expected = rows(duck, "WITH x AS (SELECT department_id, CAST(started_at AS DATE) AS day, "
                            + "1 AS visits, 0 AS prescriptions, CAST(0 AS DECIMAL(16, 2)) AS revenue FROM visit "
                            + "WHERE status <> 'CANCELLED' UNION ALL SELECT v.department_id, CAST(p.issued_at AS DATE), 0, 1, "
                            + "(SELECT SUM(i.amount) FROM prescription_item i WHERE i.prescription_id = p.id) "
                            + "FROM prescription p JOIN visit v ON v.id = p.visit_id WHERE p.status <> 'CANCELLED') "
                            + "SELECT " + period + " AS period, department_id, SUM(visits), SUM(prescriptions), "
                            + "CAST(SUM(revenue) AS DECIMAL(16, 2)) FROM x WHERE day BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)"
                            + where.replace(" WHERE", " AND") + " GROUP BY 1, 2 HAVING SUM(visits) <> 0 OR SUM(prescriptions) <> 0 "
                            + "ORDER BY 1, 2", today.minusDays(7).toString(), today.toString());
                    JsonPath q4 = analyst.analytics().get("/api/v1/departments/workload?from=" + today.minusDays(7)
                            + "&to=" + today + "&granularity=" + granularity + "&source=" + source
                            + (department == null ? "" : "&departmentId=" + department)).then().statusCode(200)
                            .extract().jsonPath();
                    List<String> answered = new ArrayList<>();
                    for (Map<String, Object> r : q4.<Map<String, Object>>getList("rows")) {
                        answered.add(r.get("period") + "|" + r.get("departmentId") + "|" + r.get("visits") + "|"
                                + r.get("prescriptions") + "|" + money(r.get("revenue")));
                    }
                    assertEquals(expected, answered, context + " Q4 " + granularity + " department " + department
                            + " " + source);

                    List<String> trends = rows(duck, "SELECT " + period.replace("day", "CAST(started_at AS DATE)")
                            + " AS period, department_id, type, COUNT(*) FROM visit WHERE status <> 'CANCELLED' "
                            + "AND CAST(started_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)"
                            + where.replace(" WHERE", " AND") + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                            today.minusDays(7).toString(), today.toString());
                    JsonPath q5 = analyst.analytics().get("/api/v1/visits/trends?from=" + today.minusDays(7) + "&to="
                            + today + "&granularity=" + granularity + "&source=" + source
                            + (department == null ? "" : "&departmentId=" + department)).then().statusCode(200)
                            .extract().jsonPath();
                    List<String> trendRows = new ArrayList<>();
                    for (Map<String, Object> r : q5.<Map<String, Object>>getList("rows")) {
                        trendRows.add(r.get("period") + "|" + r.get("departmentId") + "|" + r.get("visitType") + "|"
                                + r.get("visits"));
                    }
                    assertEquals(trends, trendRows, context + " Q5 " + granularity + " department " + department);
                }
            }
        }
        compareVitalSigns(duck, context);
        compareDashboard(duck, context, today);
        compareDashboard(duck, context, today.minusDays(1));
    }

    private static List<String> ranked(JsonPath ranking) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> d : ranking.<Map<String, Object>>getList("drugs")) {
            out.add(d.get("drugId") + "|" + d.get("quantity") + "|" + money(d.get("amount")) + "|"
                    + d.get("prescriptions"));
        }
        return out;
    }

    /** Q6 from the definitions, in integer cents (exact): R-7 percentiles, Tukey fences, half away from zero. */
    private void compareVitalSigns(Connection duck, String context) throws SQLException {
        Instant from = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String f = from.toString().replace("T", " ").replace("Z", "");
        String t = to.toString().replace("T", " ").replace("Z", "");
        for (long patient : new TreeSet<>(patientBodies.keySet())) {
            List<String> expected = rows(duck, """
                    WITH m AS (
                        SELECT CASE WHEN type = 'BLOOD_PRESSURE' THEN 'BLOOD_PRESSURE_SYSTOLIC' ELSE type END AS series,
                               CAST(value * 100 AS BIGINT) AS c, abnormal
                          FROM vital_sign WHERE patient_id = ? AND measured_at >= CAST(? AS TIMESTAMP)
                           AND measured_at < CAST(? AS TIMESTAMP)
                        UNION ALL
                        SELECT 'BLOOD_PRESSURE_DIASTOLIC', CAST(secondary_value * 100 AS BIGINT), abnormal
                          FROM vital_sign WHERE patient_id = ? AND type = 'BLOOD_PRESSURE' AND secondary_value IS NOT NULL
                           AND measured_at >= CAST(? AS TIMESTAMP) AND measured_at < CAST(? AS TIMESTAMP)),
                    g AS (SELECT series, COUNT(*) AS n, MIN(c) AS mn, MAX(c) AS mx, SUM(c) AS s,
                                 list(c ORDER BY c) AS l, SUM(CASE WHEN abnormal THEN 1 ELSE 0 END) AS flagged
                            FROM m GROUP BY series),
                    -- percentile q% in 1/10000: rank h = (n - 1) q / 100 = lo + f / 100, value = c[lo] + f/100 (c[lo+1] - c[lo])
                    p AS (SELECT *, list_extract(l, ((n - 1) * 25) // 100 + 1) * 100 + ((n - 1) * 25) % 100
                                     * (list_extract(l, least(((n - 1) * 25) // 100 + 2, n)) - list_extract(l, ((n - 1) * 25) // 100 + 1)) AS q1,
                                    list_extract(l, ((n - 1) * 50) // 100 + 1) * 100 + ((n - 1) * 50) % 100
                                     * (list_extract(l, least(((n - 1) * 50) // 100 + 2, n)) - list_extract(l, ((n - 1) * 50) // 100 + 1)) AS q2,
                                    list_extract(l, ((n - 1) * 75) // 100 + 1) * 100 + ((n - 1) * 75) % 100
                                     * (list_extract(l, least(((n - 1) * 75) // 100 + 2, n)) - list_extract(l, ((n - 1) * 75) // 100 + 1)) AS q3,
                                    list_extract(l, ((n - 1) * 95) // 100 + 1) * 100 + ((n - 1) * 95) % 100
                                     * (list_extract(l, least(((n - 1) * 95) // 100 + 2, n)) - list_extract(l, ((n - 1) * 95) // 100 + 1)) AS q95
                            FROM g),
                    -- fences in 1/20000: Q1 - 1.5 IQR = (2 Q1 - 3 (Q3 - Q1)) / 2
                    fz AS (SELECT *, 2 * q1 - 3 * (q3 - q1) AS lo2, 2 * q3 + 3 * (q3 - q1) AS hi2 FROM p)
                    SELECT series, n, mn, mx, (2 * s + n) // (2 * n),
                           sign(q1) * ((abs(q1) + 50) // 100), sign(q2) * ((abs(q2) + 50) // 100),
                           sign(q3) * ((abs(q3) + 50) // 100), sign(q95) * ((abs(q95) + 50) // 100),
                           sign(lo2) * ((abs(lo2) + 100) // 200), sign(hi2) * ((abs(hi2) + 100) // 200),
                           (SELECT COUNT(*) FROM m WHERE m.series = fz.series AND (m.c * 200 < fz.lo2 OR m.c * 200 > fz.hi2)),
                           flagged
                      FROM fz ORDER BY array_position(['HEART_RATE', 'BLOOD_PRESSURE_SYSTOLIC',
                               'BLOOD_PRESSURE_DIASTOLIC', 'SPO2', 'TEMPERATURE'], series)""",
                    patient, f, t, patient, f, t);
            List<String> expectedText = new ArrayList<>();
            for (String row : expected) {
                String[] c = row.split("\\|");
                StringBuilder line = new StringBuilder(c[0] + "|" + c[1]);
                for (int i = 2; i <= 10; i++) {
                    line.append('|').append(cents(Long.parseLong(c[i])));
                }
                expectedText.add(line.append('|').append(c[11]).append('|').append(c[12]).toString());
            }
            JsonPath q6 = admin.analytics().get("/api/v1/patients/" + patient + "/vital-signs/summary?from=" + from
                    + "&to=" + to).then().statusCode(200).extract().jsonPath();
            List<String> answered = new ArrayList<>();
            for (Map<String, Object> s : q6.<Map<String, Object>>getList("series")) {
                StringBuilder line = new StringBuilder(s.get("series") + "|" + s.get("count"));
                for (String k : List.of("min", "max", "mean", "p25", "p50", "p75", "p95", "lowerFence", "upperFence")) {
                    line.append('|').append(money(s.get(k)));
                }
                List<Map<String, Object>> anomalies = (List<Map<String, Object>>) s.get("anomalies");
                line.append('|').append(anomalies.stream().filter(a -> "IQR".equals(a.get("reason"))).count())
                        .append('|').append(anomalies.stream().filter(a -> "RANGE".equals(a.get("reason"))).count());
                answered.add(line.toString());
            }
            assertEquals(expectedText, answered, context + " Q6 patient " + patient);
            compared++;
        }
    }

    /** Q7: the day's counts and the top drugs of the exact window up to the date. */
    private void compareDashboard(Connection duck, String context, LocalDate date) throws SQLException {
        String day = date.toString();
        List<String> counts = rows(duck, """
                SELECT (SELECT COUNT(*) FROM visit WHERE status <> 'CANCELLED' AND CAST(started_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM prescription WHERE status <> 'CANCELLED' AND CAST(issued_at AS DATE) = CAST(? AS DATE)),
                       (SELECT CAST(COALESCE(SUM(i.amount), 0) AS DECIMAL(16, 2)) FROM prescription p
                          JOIN prescription_item i ON i.prescription_id = p.id
                         WHERE p.status <> 'CANCELLED' AND CAST(p.issued_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM vital_sign WHERE CAST(measured_at AS DATE) = CAST(? AS DATE)),
                       (SELECT COUNT(*) FROM vital_sign WHERE abnormal AND CAST(measured_at AS DATE) = CAST(? AS DATE))""",
                day, day, day, day, day);
        String windowStart = YearMonth.from(date).minusMonths(11).atDay(1).toString();
        List<String> top = rows(duck, "SELECT i.drug_id, SUM(i.quantity), SUM(i.amount) FROM prescription p "
                + "JOIN prescription_item i ON i.prescription_id = p.id WHERE p.status <> 'CANCELLED' "
                + "AND CAST(p.issued_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY 1 "
                + "HAVING SUM(i.quantity) > 0 ORDER BY 2 DESC, 1 LIMIT 10", windowStart, day);
        JsonPath q7 = analyst.analytics().get("/api/v1/dashboard?date=" + day + "&top=10").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(counts.get(0), q7.getString("visits") + "|" + q7.getString("prescriptions") + "|"
                + money(q7.get("revenue")) + "|" + q7.getString("vitalMeasurements") + "|"
                + q7.getString("abnormalVitals"), context + " Q7 counts " + day);
        List<String> answered = new ArrayList<>();
        for (Map<String, Object> d : q7.<Map<String, Object>>getList("topDrugs")) {
            answered.add(d.get("drugId") + "|" + d.get("quantity") + "|" + money(d.get("amount")));
        }
        assertEquals(top, answered, context + " Q7 top drugs " + day);
        compared++;
        assertEquals(windowStart, q7.getString("topDrugsFrom"));
        assertEquals(day, q7.getString("topDrugsTo"));
    }
}
