package org.mdms.analytics.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.common.Source;
import io.smallrye.jwt.auth.principal.JWTParser;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.mdms.analytics.care.ClinicalReads;
import org.mdms.analytics.dashboard.DashboardService;
import org.mdms.analytics.drugusage.DrugUsageService;
import org.mdms.analytics.vitals.VitalSignService;
import org.mdms.analytics.workload.WorkloadService;
import org.mdms.analytics.sync.SyncDriver;
import org.mdms.analytics.warehouse.ChangeEvent;
import org.mdms.analytics.warehouse.ChangePage;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The warehouse benchmark (not a test: it is run only by src/bench/run.sh).
 * <ol>
 *   <li>Load: bench.items prescription items (1-5 per prescription, one visit each, 36 months), the visits' vital
 *   signs (outpatient 1, emergency 2, inpatient 6: about 0.63 per item) and 12 intensive-care stays of 3,000 readings,
 *   as change-feed events, bench.pageEvents (5000) per transaction like the sync (5 feed pages of 1000), through the
 *   same apply path the sync uses (SyncDriver.applyPage: one transaction per page, cursor and lease checked).</li>
 *   <li>DuckDB gets its own copy of the facts (timed apart), then questions 1-7 over HTTP as ADMIN from the rollups
 *   and in DuckDB (plain SQL over the copied facts, in-process JDBC), the same random parameter sets for both
 *   (seed printed): p50 / p95 / max; a sample of the parameter sets is answered by both and compared; questions 1-5
 *   also scanning the raw facts (source=facts, bench.factRuns).</li>
 *   <li>Freshness on the loaded warehouse with the real patient-service and the scheduled sync.</li>
 * </ol>
 * Run: analytics-service/src/bench/run.sh 1000000
 */
@QuarkusTest
class WarehouseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DEPARTMENTS = 30;
    static final int DOCTORS = 600;
    static final int DRUGS = 800;
    static final int PATIENTS = 200_000;
    static final int MONTHS = 36;
    /** Events per warehouse transaction: the sync gathers pages-per-transaction (5) feed pages of 1000 events. */
    static final int PAGE_EVENTS = Integer.getInteger("bench.pageEvents", 5000);
    /** Apply as the sync does far behind (facts only, then each month's rollups rebuilt); -Dbench.bulk=false: deltas. */
    static final boolean BULK = Boolean.parseBoolean(System.getProperty("bench.bulk", "true"));
    /** Synthetic visit/prescription/item ids start here, clear of the real feed's (freshness runs on top of them). */
    static final long ID_BASE = 1_000_000_000L;
    static final String[] VITAL_TYPES = {"HEART_RATE", "BLOOD_PRESSURE", "SPO2", "TEMPERATURE"};
    static final int ICU_READINGS = 3000;

    static final int WARMUP = Integer.getInteger("bench.warmup", 20);
    private static final ObjectMapper JSON_IN = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    @Inject
    Pool pool;
    @Inject
    SyncDriver sync;
    @Inject
    Scheduler scheduler;
    @Inject
    DrugUsageService drugUsage;
    @Inject
    DashboardService dashboard;
    @Inject
    WorkloadService workload;
    @Inject
    VitalSignService vitalSigns;
    @Inject
    ClinicalReads clinicalReads;
    @Inject
    JWTParser jwtParser;
    /** The admin's token as the resources see it, for question 6's care check in-process. */
    private JsonWebToken caller;

    private String token;
    private long seq;
    private long vitalId = ID_BASE;
    private long vitalsLoaded;
    /** Intensive-care stays: patient, first and last reading (the patients with thousands of readings). */
    private final List<long[]> stays = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(20261121);
    private final BigDecimal[] prices = new BigDecimal[DRUGS + 1];

    private ChangeEvent event(String type, long id, ObjectNode payload, Instant at) {
        return new ChangeEvent(++seq, type, id, "UPSERT", at, payload);
    }

    private void apply(List<ChangeEvent> events) {
        sync.applyPage(new ChangePage(events, seq, false), BULK).await().atMost(Duration.ofMinutes(5));
    }

    private void loadDimensions() {
        List<ChangeEvent> events = new ArrayList<>();
        Instant at = Instant.now();
        for (int d = 1; d <= DEPARTMENTS; d++) {
            events.add(event("DEPARTMENT", d, JSON.createObjectNode().put("id", d).put("hospitalId", 1)
                    .put("code", "DEP" + d).put("name", "科室" + d), at));
        }
        for (int s = 1; s <= DOCTORS; s++) {
            events.add(event("STAFF", s, JSON.createObjectNode().put("id", s).put("userId", 1000 + s)
                    .put("departmentId", 1 + s % DEPARTMENTS).put("kind", "DOCTOR").put("name", "医生" + s)
                    .put("title", "主治医师").put("active", true), at));
        }
        for (int g = 1; g <= DRUGS; g++) {
            prices[g] = BigDecimal.valueOf(50 + random.nextInt(20_000), 2);
            events.add(event("DRUG", g, JSON.createObjectNode().put("id", g).put("code", "DRG" + g)
                    .put("name", "药品" + g).put("genericName", "generic " + g).put("category", "类别" + g % 20)
                    .put("dosageForm", "片剂").put("strength", "10mg").put("unit", "盒").put("price", prices[g])
                    .put("active", true), at));
        }
        apply(events);
        events.clear();
        for (int p = 1; p <= PATIENTS; p++) {
            events.add(event("PATIENT", p, JSON.createObjectNode().put("id", p)
                    .put("gender", p % 2 == 0 ? "FEMALE" : "MALE").put("birthYear", 1930 + p % 90)
                    .put("deleted", false), at));
            if (events.size() == 1000) {
                apply(events);
                events.clear();
            }
        }
        if (!events.isEmpty()) {
            apply(events);
        }
    }

    /** Heart rate, blood pressure, SpO2, temperature: a value around the normal one, flagged outside the range. */
    private ChangeEvent vital(long patient, Long visit, Instant at, boolean intensive) {
        double spread = intensive ? 1.6 : 1.0;
        String type = VITAL_TYPES[random.nextInt(VITAL_TYPES.length)];
        BigDecimal value;
        BigDecimal secondary = null;
        boolean abnormal;
        switch (type) {
            case "HEART_RATE" -> {
                value = gauss(76, 11 * spread, 20, 300, 1);
                abnormal = value.doubleValue() < 60 || value.doubleValue() > 100;
            }
            case "BLOOD_PRESSURE" -> {
                value = gauss(122, 15 * spread, 50, 250, 0);
                secondary = gauss(78, 9 * spread, 30, 149, 0);
                abnormal = value.doubleValue() < 90 || value.doubleValue() >= 140 || secondary.doubleValue() < 60
                        || secondary.doubleValue() >= 90;
            }
            case "SPO2" -> {
                value = gauss(97.5, 1.4 * spread, 0, 100, 1);
                abnormal = value.doubleValue() < 95;
            }
            default -> {
                value = gauss(36.8, 0.35 * spread, 30, 45, 2);
                abnormal = value.doubleValue() < 36.0 || value.doubleValue() > 37.3;
            }
        }
        String unit = switch (type) {
            case "HEART_RATE" -> "/min";
            case "BLOOD_PRESSURE" -> "mmHg";
            case "SPO2" -> "%";
            default -> "°C";
        };
        // every field of patient-service's VitalSignChange, nulls included (the sync reads the feed strictly)
        ObjectNode p = JSON.createObjectNode().put("id", ++vitalId).put("patientId", patient).put("visitId", visit)
                .put("type", type).put("value", value).put("secondaryValue", secondary).put("unit", unit)
                .put("abnormal", abnormal).put("measuredAt", at.toString());
        return event("VITAL_SIGN", vitalId, p, at);
    }

    private BigDecimal gauss(double mean, double sd, double min, double max, int scale) {
        double v = Math.max(min, Math.min(max, mean + sd * random.nextGaussian()));
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }

    /** bench.icuPatients (12) intensive-care stays of 30 days with a reading every ~14 minutes (3,000 each). */
    private long loadIntensiveCare(long startEpoch, long span) {
        int patients = Integer.getInteger("bench.icuPatients", 12);
        long total = 0;
        List<ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            long patient = 1 + random.nextInt(PATIENTS);
            long first = startEpoch + random.nextLong(span - 31 * 86_400L);
            long last = first;
            for (int r = 0; r < ICU_READINGS; r++) {
                last = first + r * 864L;
                events.add(vital(patient, null, Instant.ofEpochSecond(last), true));
                if (events.size() == PAGE_EVENTS) {
                    apply(events);
                    events.clear();
                }
            }
            stays.add(new long[]{patient, first, last});
            total += ICU_READINGS;
        }
        if (!events.isEmpty()) {
            apply(events);
        }
        return total;
    }

    @Test
    void run() throws Exception {
        long items = Long.getLong("bench.items", 1_000_000);
        WarehouseReset.reset(pool);
        // the load stands in for the sync: the scheduled one is paused until the freshness part at the end, and
        // the cursor parked beyond the real feed (synthetic events are numbered after it)
        scheduler.pause("warehouse-sync");
        seq = 1_000_000_000L;
        pool.query("UPDATE sync_cursor SET last_seq = " + seq).execute().await().indefinitely();
        loadDimensions();
        YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(MONTHS - 1);
        long startEpoch = first.atDay(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long span = YearMonth.now(ZoneOffset.UTC).atEndOfMonth().atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                - startEpoch;

        long itemsLoaded = 0;
        vitalsLoaded = loadIntensiveCare(startEpoch, span);
        long loadStart = seq;
        long prescriptionId = ID_BASE;
        long itemId = ID_BASE;
        long applyNanos = 0;
        long wallStart = System.nanoTime();
        List<ChangeEvent> page = new ArrayList<>(1000);
        while (itemsLoaded < items) {
            prescriptionId++;
            Instant issued = Instant.ofEpochSecond(startEpoch + random.nextLong(span));
            int doctor = 1 + random.nextInt(DOCTORS);
            int department = 1 + doctor % DEPARTMENTS;
            long patient = 1 + random.nextInt(PATIENTS);
            String type = random.nextInt(10) < 7 ? "OUTPATIENT" : random.nextInt(2) == 0 ? "INPATIENT" : "EMERGENCY";
            page.add(event("VISIT", prescriptionId, JSON.createObjectNode().put("id", prescriptionId)
                    .put("patientId", patient).put("doctorId", doctor).put("departmentId", department).put("type", type)
                    .put("status", random.nextInt(100) < 2 ? "CANCELLED" : "CLOSED")
                    .put("startedAt", issued.minusSeconds(600).toString())
                    .put("endedAt", issued.plusSeconds(600).toString()).put("diagnosisCode", "J06.9"), issued));
            // vital signs of the visit: an outpatient 1 reading, an emergency 2, an inpatient 6 (twice a day for
            // three days); about 0.63 readings per prescription item
            int readings = switch (type) {
                case "OUTPATIENT" -> 1;
                case "EMERGENCY" -> 2;
                default -> 6;
            };
            for (int r = 0; r < readings; r++) {
                page.add(vital(patient, prescriptionId, issued.minusSeconds(300).plusSeconds(43_200L * r), false));
            }
            vitalsLoaded += readings;
            int lines = 1 + random.nextInt(5);
            ObjectNode p = JSON.createObjectNode().put("id", prescriptionId).put("visitId", prescriptionId)
                    .put("patientId", patient).put("doctorId", doctor).put("departmentId", department)
                    .put("status", random.nextInt(100) < 5 ? "CANCELLED" : random.nextInt(100) < 60 ? "DISPENSED"
                            : "ISSUED").put("issuedAt", issued.toString()).putNull("dispensedAt").putNull("cancelledAt");
            ArrayNode array = p.putArray("items");
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 0; l < lines; l++) {
                // skewed drug popularity: a few drugs are used a lot, as in a real pharmacy
                double u = random.nextDouble();
                int drug = 1 + (int) (u * u * DRUGS);
                int quantity = 1 + random.nextInt(30);
                BigDecimal amount = prices[drug].multiply(BigDecimal.valueOf(quantity));
                total = total.add(amount);
                array.addObject().put("id", ++itemId).put("drugId", drug).put("quantity", quantity)
                        .put("unitPrice", prices[drug]).put("amount", amount);
            }
            p.put("totalAmount", total);
            page.add(event("PRESCRIPTION", prescriptionId, p, issued));
            itemsLoaded += lines;
            if (page.size() >= PAGE_EVENTS || itemsLoaded >= items) {
                long t0 = System.nanoTime();
                apply(page);
                applyNanos += System.nanoTime() - t0;
                page = new ArrayList<>(PAGE_EVENTS);
                if (prescriptionId % 100_000 < PAGE_EVENTS / 2) {
                    System.out.printf("bench: %,d items loaded, %.0f items/s so far (apply time)%n", itemsLoaded,
                            itemsLoaded / (applyNanos / 1e9));
                }
            }
        }
        long factNanos = applyNanos;
        long t0 = System.nanoTime();
        int rebuilt = sync.rebuildStaleMonths().await().atMost(Duration.ofMinutes(30));
        long rebuildNanos = System.nanoTime() - t0;
        applyNanos += rebuildNanos;
        prescriptionId -= ID_BASE;
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double applySeconds = applyNanos / 1e9;
        String token = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
        this.token = token;
        this.caller = jwtParser.parse(token);
        this.base = "http://localhost:" + RestAssured.port;
        StringBuilder report = new StringBuilder();
        report.append(String.format("%nBENCH load: %,d events per transaction, %s%n", PAGE_EVENTS, BULK
                ? "bulk catch-up (facts only, then one rebuild transaction per month)" : "rollup deltas per batch"));
        report.append(String.format("BENCH load: facts %.1f s, rollup rebuild of %d months %.1f s%n", factNanos / 1e9,
                rebuilt, rebuildNanos / 1e9));
        report.append(String.format("BENCH load: %,d prescription items in %,d prescriptions (+%,d visits and their "
                        + "%,d vital signs), %d months%n", itemsLoaded, prescriptionId, prescriptionId,
                vitalsLoaded - (long) stays.size() * ICU_READINGS, MONTHS));
        report.append(String.format("BENCH load: apply %.1f s -> %,.0f items/s (%,.0f events/s); wall incl. event "
                        + "generation %.1f s -> %,.0f items/s%n", applySeconds, itemsLoaded / applySeconds,
                (seq - loadStart) / applySeconds, wall, itemsLoaded / wall));
        report.append(sizes());

        report.append(String.format("BENCH load: %,d vital signs (%.2f per prescription item; %,d of them in %d "
                        + "intensive-care stays of %,d readings)%n", vitalsLoaded, (double) vitalsLoaded / itemsLoaded,
                (long) stays.size() * ICU_READINGS, stays.size(), ICU_READINGS));
        if (Boolean.getBoolean("bench.probe")) {
            report.append(probe(first));
            System.out.println(report);
            return;
        }
        report.append(questions(first));
        // freshness on top of the loaded warehouse: back to the real feed, the scheduled sync (every 5 s) resumes
        pool.query("UPDATE sync_cursor SET last_seq = 0").execute().await().indefinitely();
        scheduler.resume("warehouse-sync");
        try {
            report.append(FreshnessBenchmark.measure());
        } catch (Exception e) {
            report.append("BENCH freshness failed: ").append(e).append('\n');
        }
        System.out.println(report);
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-report.txt"), report.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ questions 1-7: rollups vs DuckDB

    /** Parameter sets drawn at random (seed printed, -Dbench.seed replays), the same sequence for both engines. */
    private List<List<FactQuestions.Ask>> parameters(SplittableRandom r, YearMonth first, int runs) {
        YearMonth last = YearMonth.now(ZoneOffset.UTC);
        LocalDate firstDay = first.atDay(1);
        LocalDate lastDay = last.atEndOfMonth();
        int months = (int) ChronoUnit.MONTHS.between(first, last) + 1;
        long days = ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        String[] grains = {"day", "week", "month"};
        String[] types = {"OUTPATIENT", "INPATIENT", "EMERGENCY"};
        List<List<FactQuestions.Ask>> all = new ArrayList<>();
        for (int q = 1; q <= 7; q++) {
            List<FactQuestions.Ask> asks = new ArrayList<>();
            for (int i = 0; i < runs + WARMUP; i++) {
                FactQuestions.Ask a = new FactQuestions.Ask();
                switch (q) {
                    case 1 -> {
                        a.drug = 1 + r.nextInt(DRUGS);
                        a.year = first.getYear() + r.nextInt(last.getYear() - first.getYear() + 1);
                    }
                    case 2, 3 -> {
                        a.toMonth = first.plusMonths(r.nextInt(months));
                        YearMonth from = a.toMonth.minusMonths(r.nextInt(12));
                        a.fromMonth = from.isBefore(first) ? first : from;
                        a.by = r.nextBoolean() ? "quantity" : "amount";
                        a.order = r.nextInt(4) == 0 ? "bottom" : "top";
                        a.department = q == 2 && r.nextInt(3) == 0 ? (long) (1 + r.nextInt(DEPARTMENTS)) : null;
                        a.doctor = 1 + r.nextInt(DOCTORS);
                    }
                    case 4, 5 -> {
                        a.granularity = grains[r.nextInt(3)];
                        int span = switch (a.granularity) {
                            case "day" -> 7 + r.nextInt(84);
                            case "week" -> 28 + r.nextInt(155);
                            default -> 90 + r.nextInt(276);
                        };
                        a.toDay = firstDay.plusDays(span + r.nextLong(days - span));
                        a.fromDay = a.toDay.minusDays(span - 1);
                        a.department = r.nextBoolean() ? (long) (1 + r.nextInt(DEPARTMENTS)) : null;
                        a.type = q == 5 && r.nextInt(3) == 0 ? types[r.nextInt(3)] : null;
                    }
                    case 6 -> {
                        if (r.nextInt(4) == 0) {
                            // a patient with thousands of readings: a part of the intensive-care stay
                            long[] stay = stays.get(r.nextInt(stays.size()));
                            a.patient = stay[0];
                            a.from = Instant.ofEpochSecond(stay[1] + r.nextLong(20 * 86_400L));
                            a.to = a.from.plusSeconds(86_400L + r.nextLong(20 * 86_400L));
                        } else {
                            a.patient = 1 + r.nextInt(PATIENTS);
                            a.to = firstDay.plusDays(365 + r.nextLong(days - 365)).atStartOfDay(ZoneOffset.UTC)
                                    .toInstant();
                            a.from = a.to.minus(365, ChronoUnit.DAYS);
                        }
                    }
                    default -> {
                        a.date = firstDay.plusDays(r.nextLong(days));
                        a.n = 10;
                    }
                }
                asks.add(a);
            }
            all.add(asks);
        }
        return all;
    }

    private String questions(YearMonth first) throws Exception {
        int runs = Integer.getInteger("bench.runs", 200);
        int factRuns = Integer.getInteger("bench.factRuns", 20);
        int checks = Integer.getInteger("bench.checks", 25);
        long seed = Long.getLong("bench.seed", System.nanoTime());
        List<List<FactQuestions.Ask>> asks = parameters(new SplittableRandom(seed), first, runs);
        StringBuilder out = new StringBuilder();
        out.append(String.format("BENCH questions: %d runs each (+%d warm-up), parameters drawn with seed %d "
                + "(replay with -Dbench.seed=%d), the same sequence for both engines, as ADMIN%n", runs, WARMUP, seed, seed));
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        String url = "jdbc:mysql://" + config.getValue("mdms.db.host", String.class) + ":"
                + config.getValue("mdms.db.port", String.class) + "/" + config.getValue("mdms.db.name", String.class)
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
        String memory = System.getProperty("bench.duckdbMemory", "4GB");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Connection warehouse = DriverManager.getConnection(url, config.getValue("mdms.db.user", String.class),
                     config.getValue("mdms.db.password", String.class))) {
            try (Statement st = duck.createStatement()) {
                st.execute("SET memory_limit = '" + memory + "'");
            }
            // question 6 asks patient-service whether the caller may see the patient: the patients of the generated
            // feed exist only in the warehouse, so the bench registers them in patient-service's records (same ids)
            try (Statement st = warehouse.createStatement()) {
                int registered = st.executeUpdate("INSERT IGNORE INTO mdms_records.patient (id, mrn, name, gender, "
                        + "birth_date, created_at, updated_at) SELECT seq, CONCAT('BENCH-', seq), CONCAT('压测患者', seq), "
                        + "IF(seq % 2 = 0, 'FEMALE', 'MALE'), DATE '1940-01-01' + INTERVAL (seq % 25000) DAY, NOW(6), NOW(6) "
                        + "FROM seq_1_to_" + PATIENTS);
                out.append(String.format("BENCH question 6: %,d of the feed's patients registered in patient-service%n",
                        registered));
            }
            // the plans of questions 4 and 5 for one department over 90 days (the day rollups' department indexes, V8)
            LocalDate planTo = first.plusMonths(MONTHS / 2).atDay(1);
            for (String table : List.of("rollup_department_day", "rollup_visit_day")) {
                try (Statement st = warehouse.createStatement();
                     var rs = st.executeQuery("EXPLAIN SELECT * FROM " + table + " WHERE day BETWEEN '"
                             + planTo.minusDays(89) + "' AND '" + planTo + "' AND department_id = 7")) {
                    while (rs.next()) {
                        out.append(String.format("BENCH plan %s, one department, 90 days: type %s, key %s, rows %s, %s%n",
                                table, rs.getString("type"), rs.getString("key"), rs.getString("rows"),
                                rs.getString("Extra")));
                    }
                }
            }
            long t0 = System.nanoTime();
            Map<String, Long> copied = FactQuestions.copy(warehouse, duck);
            double copySeconds = (System.nanoTime() - t0) / 1e9;
            String threads = FactQuestions.rows(duck, "SELECT current_setting('threads')").get(0);
            String used;
            try {
                used = FactQuestions.rows(duck, "SELECT memory_usage FROM pragma_database_size()").get(0);
            } catch (java.sql.SQLException e) {
                used = "(memory in use unknown: " + e.getMessage() + ")";
            }
            out.append(String.format("BENCH duckdb: in-memory database, %s threads (default), memory_limit %s, %s in "
                    + "use after the copy; copy of the facts from the warehouse (JDBC stream -> appender) %.1f s, not "
                    + "in the query times: %s%n", threads, memory, used, copySeconds, copied));
            out.append("BENCH engines: rollups = the API over HTTP as ADMIN (token, JSON, the client's own hops: what a "
                    + "caller waits for); in-proc = the same rollup SQL through the service classes in this JVM, no HTTP "
                    + "(engine beside engine, as DuckDB runs in-process; question 6 still asks patient-service for the "
                    + "care relationship over HTTP); duckdb = its own copy of the facts, in-process JDBC\n");
            out.append("BENCH question                 engine     runs    p50 ms    p95 ms    max ms\n");
            // every engine's code (HTTP, security, JSON, the bench's own client, the reactive pool, DuckDB's JDBC) warmed
            // on every question before any is measured: 20 runs per question alone left the HTTP path of the first
            // questions measured while the JIT was still compiling it (-Dbench.probe=true shows the difference)
            int warmAll = Integer.getInteger("bench.warmAll", 100);
            long w0 = System.nanoTime();
            for (int i = 0; i < warmAll; i++) {
                for (int q = 0; q < FactQuestions.ALL.size(); q++) {
                    FactQuestions.Ask a = asks.get(q).get(i % WARMUP);
                    get(FactQuestions.ALL.get(q).url(a));
                    FactQuestions.ALL.get(q).duck(duck, a);
                    inProcess(q, a).await().indefinitely();
                }
            }
            out.append(String.format("BENCH warm-up: %d rounds of the seven questions in all three engines before "
                    + "measuring (%.1f s), then %d runs per question and engine%n", warmAll,
                    (System.nanoTime() - w0) / 1e9, WARMUP));
            int comparedAll = 0;
            int differentAll = 0;
            for (int q = 0; q < FactQuestions.ALL.size(); q++) {
                FactQuestions.Question question = FactQuestions.ALL.get(q);
                List<FactQuestions.Ask> list = asks.get(q);
                double[] api = new double[runs];
                double[] db = new double[runs];
                for (int i = 0; i < runs + WARMUP; i++) {
                    long s0 = System.nanoTime();
                    get(question.url(list.get(i)));
                    if (i >= WARMUP) {
                        api[i - WARMUP] = (System.nanoTime() - s0) / 1e6;
                    }
                }
                for (int i = 0; i < runs + WARMUP; i++) {
                    long s0 = System.nanoTime();
                    question.duck(duck, list.get(i));
                    if (i >= WARMUP) {
                        db[i - WARMUP] = (System.nanoTime() - s0) / 1e6;
                    }
                }
                double[] inProcess = new double[runs];
                {
                    for (int i = 0; i < runs + WARMUP; i++) {
                        long s0 = System.nanoTime();
                        inProcess(q, list.get(i)).await().indefinitely();
                        if (i >= WARMUP) {
                            inProcess[i - WARMUP] = (System.nanoTime() - s0) / 1e6;
                        }
                    }
                }
                // the same answer? a sample of the parameter sets, spread over the run
                int compared = 0;
                int different = 0;
                for (int i = WARMUP; i < runs + WARMUP; i += Math.max(1, runs / checks)) {
                    FactQuestions.Ask a = list.get(i);
                    List<String> ours = question.api(JSON_IN.readTree(get(question.url(a))));
                    List<String> theirs = question.duck(duck, a);
                    compared++;
                    if (!ours.equals(theirs)) {
                        different++;
                        if (different <= 3) {
                            out.append(String.format("BENCH DIFFERENT %s %s%n  api:    %s%n  duckdb: %s%n",
                                    question.name(), question.url(a), ours, theirs));
                        }
                    }
                }
                comparedAll += compared;
                differentAll += different;
                int mark = out.length();
                out.append(line(question.name(), "rollups", api));
                out.append(line(question.name(), "in-proc", inProcess));
                out.append(line(question.name(), "duckdb", db));
                // the slowest rollup answers, so a slow parameter set can be looked at (EXPLAIN, replay)
                Integer[] order = new Integer[runs];
                for (int i = 0; i < runs; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Double.compare(api[y], api[x]));
                for (int i = 0; i < Math.min(3, runs); i++) {
                    out.append(String.format("BENCH %-30s slowest rollup answer %.1f ms: %s%n", question.name(),
                            api[order[i]], question.url(list.get(WARMUP + order[i]))));
                }
                if (q < 5 && factRuns > 0) {
                    double[] facts = new double[factRuns];
                    for (int i = 0; i < factRuns; i++) {
                        long s0 = System.nanoTime();
                        get(question.url(list.get(WARMUP + i)) + "&source=facts");
                        facts[i] = (System.nanoTime() - s0) / 1e6;
                    }
                    out.append(line(question.name(), "facts", facts));
                }
                out.append(String.format("BENCH %-30s p95 rollups/duckdb %.2f, same answer on %d of %d sampled "
                                + "parameter sets%n", question.name(), pct(sorted(api), 0.95) / pct(sorted(db), 0.95),
                        compared - different, compared));
                out.append(String.format("BENCH %-30s p95 in-proc/duckdb %.2f (engine beside engine, no HTTP)%n",
                        question.name(), pct(sorted(inProcess), 0.95) / pct(sorted(db), 0.95)));
                System.out.print(out.substring(mark));
            }
            out.append(String.format("BENCH answers compared with DuckDB's: %d, different: %d%n", comparedAll,
                    differentAll));
        }
        return out.toString();
    }

    /**
     * The question answered in this JVM through the service classes the resources call (rollups, as ADMIN: no doctor),
     * without HTTP, token or JSON. Question 6 includes what its resource does after the parameters: the care check
     * (patient-service's access answer for the admin's token, a remote call) and then the summary.
     */
    private io.smallrye.mutiny.Uni<?> inProcess(int question, FactQuestions.Ask a) {
        return switch (question) {
            case 0 -> drugUsage.monthly(a.drug, a.year, null, Source.ROLLUP);
            case 1 -> drugUsage.ranking(a.fromMonth, a.toMonth, a.by, a.order, a.n, a.department, null, Source.ROLLUP);
            case 2 -> drugUsage.ranking(a.fromMonth, a.toMonth, a.by, "top", a.n, null, a.doctor, Source.ROLLUP);
            case 3 -> workload.workload(a.fromDay, a.toDay, a.granularity, a.department, Source.ROLLUP);
            case 4 -> workload.visitTrends(a.fromDay, a.toDay, a.granularity, a.department, a.type, Source.ROLLUP);
            case 5 -> clinicalReads.requireVitalSigns(a.patient, caller)
                    .chain(() -> vitalSigns.summary(a.patient, a.from, a.to));
            default -> dashboard.summary(a.date, a.n);
        };
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    // ------------------------------------------------------------------ probe: where a small answer's time goes
    private String probe(YearMonth first) throws Exception {
        int runs = Integer.getInteger("bench.runs", 200);
        List<FactQuestions.Ask> asks = parameters(new SplittableRandom(7), first, runs).get(0);
        StringBuilder out = new StringBuilder();
        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        for (int round = 0; round < Integer.getInteger("bench.probeRounds", 2); round++) {
            out.append(line("health (jdk client)", "http", time(runs, i -> rawStatus("/q/health/live", false))));
            out.append(line("400 bad year (jdk)", "http", time(runs, i -> rawStatus("/api/v1/drugs/1/usage?year=x", true))));
            out.append(line("Q1 (jdk client)", "http", time(runs, i -> get(FactQuestions.ALL.get(0).url(asks.get(i))))));
            out.append(line("Q1 in-proc", "in-proc", time(runs, i -> drugUsage.monthly(asks.get(i).drug, asks.get(i).year, null, Source.ROLLUP).await().indefinitely())));
            List<FactQuestions.Ask> q4 = parameters(new SplittableRandom(7), first, runs).get(3);
            out.append(line("Q4 (jdk client)", "http", time(runs, i -> get(FactQuestions.ALL.get(3).url(q4.get(i))))));
            out.append(line("Q4 in-proc", "in-proc", time(runs, i -> inProcess(3, q4.get(i)).await().indefinitely())));
            long bytes = 0;
            for (int i = 0; i < runs; i++) {
                bytes += get(FactQuestions.ALL.get(3).url(q4.get(i))).length();
            }
            out.append(String.format("BENCH Q4 answers: %,d characters of JSON on average%n", bytes / runs));
            try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
                socket.setTcpNoDelay(true);
                out.append(line("health (socket)", "http", time(runs, i -> socketGet(socket, "/q/health/live"))));
                out.append(line("400 bad year (socket)", "http", time(runs, i -> socketGet(socket, "/api/v1/drugs/1/usage?year=x"))));
                out.append(line("Q1 (socket)", "http", time(runs, i -> socketGet(socket, FactQuestions.ALL.get(0).url(asks.get(i))))));
                out.append(line("Q4 (socket)", "http", time(runs, i -> socketGet(socket, FactQuestions.ALL.get(3).url(q4.get(i))))));
            }
            out.append("BENCH last response head: ").append(lastHead.replace("\r\n", " | ")).append('\n');
            System.out.print(out);
        }
        return out.toString();
    }

    interface Step {
        Object run(int i) throws Exception;
    }

    private static double[] time(int runs, Step step) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs + WARMUP; i++) {
            long s0 = System.nanoTime();
            step.run(i % runs);
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - s0) / 1e6;
            }
        }
        return ms;
    }

    private int rawStatus(String path, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** HTTP/1.1 keep-alive on one socket, request and response on the calling thread (no client thread hops). */
    private String lastHead = "";

    private String socketGet(java.net.Socket socket, String path) throws Exception {
        var os = socket.getOutputStream();
        os.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nAccept: application/json\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        os.flush();
        var in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IllegalStateException("closed");
            }
            head.append((char) c);
        }
        String h = head.toString().toLowerCase();
        lastHead = h;
        int at = h.indexOf("content-length:");
        if (at >= 0) {
            int len = Integer.parseInt(h.substring(at + 15, h.indexOf('\r', at)).trim());
            return new String(in.readNBytes(len), java.nio.charset.StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                size.append((char) c);
            }
            int len = Integer.parseInt(size.toString().trim(), 16);
            byte[] chunk = in.readNBytes(len + 2);
            if (len == 0) {
                return body.toString();
            }
            body.append(new String(chunk, 0, len, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static double[] sorted(double[] ms) {
        double[] copy = ms.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static String line(String name, String engine, double[] ms) {
        double[] s = sorted(ms);
        return String.format("BENCH %-30s %-8s %6d %9.1f %9.1f %9.1f%n", name, engine, s.length, pct(s, 0.5),
                pct(s, 0.95), s[s.length - 1]);
    }

    private String sizes() {
        StringBuilder out = new StringBuilder();
        pool.query("SELECT table_name, table_rows, ROUND((data_length + index_length) / 1048576) AS mb "
                        + "FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE 'fact%' "
                        + "OR table_name LIKE 'rollup%') ORDER BY table_name").execute().await().indefinitely()
                .forEach(r -> out.append(String.format("BENCH table %-30s ~%,12d rows %,8d MB%n", r.getString(0),
                        r.getLong(1), r.getLong(2))));
        return out.toString();
    }

    private static double pct(double[] sorted, double q) {
        return BigDecimal.valueOf(sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)])
                .setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
