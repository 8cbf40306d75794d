package org.mdms.analytics.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import io.quarkus.scheduler.Scheduler;
import org.mdms.analytics.sync.SyncService;
import org.mdms.analytics.warehouse.ChangeEvent;
import org.mdms.analytics.warehouse.ChangePage;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The warehouse benchmark (not a test: it asserts nothing and is run only by src/bench/run.sh).
 * <ol>
 *   <li>Load: bench.items prescription items (about 3 per prescription, one visit each, 36 months) as change-feed
 *   events, bench.pageEvents (5000) per transaction like the sync (5 feed pages of 1000), through the same apply path the sync uses (SyncService.applyPage: one transaction per
 *   page, cursor and lease checked). Items per second from an empty warehouse.</li>
 *   <li>Questions 1-4 over HTTP (analyst token from the real patient-service), answered from the rollups and by
 *   scanning the raw facts (source=facts): p50 / p95 / max.</li>
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

    @Inject
    Pool pool;
    @Inject
    SyncService sync;
    @Inject
    Scheduler scheduler;

    private long seq;
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

    @Test
    void run() {
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
                    .put("status", "CLOSED").put("startedAt", issued.minusSeconds(600).toString())
                    .put("endedAt", issued.plusSeconds(600).toString()).put("diagnosisCode", "J06.9"), issued));
            int lines = 1 + random.nextInt(5);
            ObjectNode p = JSON.createObjectNode().put("id", prescriptionId).put("visitId", prescriptionId)
                    .put("patientId", patient).put("doctorId", doctor).put("departmentId", department)
                    .put("status", random.nextInt(100) < 5 ? "CANCELLED" : random.nextInt(100) < 60 ? "DISPENSED"
                            : "ISSUED").put("issuedAt", issued.toString());
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
                .body(Map.of("username", "analyst", "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
        StringBuilder report = new StringBuilder();
        report.append(String.format("%nBENCH load: %,d events per transaction, %s%n", PAGE_EVENTS, BULK
                ? "bulk catch-up (facts only, then one rebuild transaction per month)" : "rollup deltas per batch"));
        report.append(String.format("BENCH load: facts %.1f s, rollup rebuild of %d months %.1f s%n", factNanos / 1e9,
                rebuilt, rebuildNanos / 1e9));
        report.append(String.format("BENCH load: %,d prescription items in %,d prescriptions (+%,d visits), %d months%n",
                itemsLoaded, prescriptionId, prescriptionId, MONTHS));
        report.append(String.format("BENCH load: apply %.1f s -> %,.0f items/s (%,.0f events/s); wall incl. event "
                        + "generation %.1f s -> %,.0f items/s%n", applySeconds, itemsLoaded / applySeconds,
                2 * prescriptionId / applySeconds, wall, itemsLoaded / wall));
        report.append(sizes());

        int year = YearMonth.now(ZoneOffset.UTC).minusMonths(12).getYear();
        IntFunction<String> q1 = i -> "/api/v1/drugs/" + (1 + random.nextInt(DRUGS)) + "/usage?year=" + year;
        IntFunction<String> q2 = i -> "/api/v1/drug-rankings?from=" + year + "-01&to=" + year + "-12&n=10&by="
                + (i % 2 == 0 ? "quantity" : "amount") + (i % 3 == 0 ? "&departmentId=" + (1 + random.nextInt(DEPARTMENTS))
                : "");
        IntFunction<String> q3 = i -> "/api/v1/doctors/" + (1 + random.nextInt(DOCTORS)) + "/top-drugs?from=" + year
                + "-01&to=" + year + "-12&n=10";
        IntFunction<String> q4 = i -> "/api/v1/departments/workload?from=" + year + "-01-01&to=" + year
                + "-03-31&granularity=" + (i % 2 == 0 ? "week" : "day") + (i % 2 == 0 ? "" : "&departmentId="
                + (1 + random.nextInt(DEPARTMENTS)));
        report.append("BENCH question             source   runs    p50 ms    p95 ms    max ms\n");
        for (Object[] q : new Object[][]{{"Q1 drug by month", q1}, {"Q2 drug ranking", q2},
                {"Q3 doctor top drugs", q3}, {"Q4 department workload", q4}}) {
            @SuppressWarnings("unchecked")
            IntFunction<String> url = (IntFunction<String>) q[1];
            report.append(latency((String) q[0], "rollup", url, token, 200));
            report.append(latency((String) q[0], "facts", url, token, Integer.getInteger("bench.factRuns", 20)));
        }
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

    private String sizes() {
        StringBuilder out = new StringBuilder();
        pool.query("SELECT table_name, table_rows, ROUND((data_length + index_length) / 1048576) AS mb "
                        + "FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE 'fact%' "
                        + "OR table_name LIKE 'rollup%') ORDER BY table_name").execute().await().indefinitely()
                .forEach(r -> out.append(String.format("BENCH table %-30s ~%,12d rows %,8d MB%n", r.getString(0),
                        r.getLong(1), r.getLong(2))));
        return out.toString();
    }

    private String latency(String name, String source, IntFunction<String> url, String token, int runs) {
        for (int i = 0; i < Math.min(5, runs); i++) {
            RestAssured.given().header("Authorization", "Bearer " + token).get(url.apply(i) + "&source=" + source)
                    .then().statusCode(200);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            RestAssured.given().header("Authorization", "Bearer " + token).get(url.apply(i) + "&source=" + source)
                    .then().statusCode(200);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return String.format("BENCH %-24s %-7s %5d %9.1f %9.1f %9.1f%n", name, source, runs, pct(ms, 0.5),
                pct(ms, 0.95), ms[ms.length - 1]);
    }

    private static double pct(double[] sorted, double q) {
        return BigDecimal.valueOf(sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)])
                .setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
