package org.mdms.analytics.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.bench.FactQuestions.Ask;
import org.mdms.analytics.bench.FactQuestions.Question;
import org.mdms.analytics.sync.SyncService;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The oracle of issue 12 at scale (not a test: run only by src/bench/run-oracle.sh). patient-service's own seeder
 * creates about bench.items prescription items (N/16 patients x 4 visits x 1 prescription x 4 items, 2 vital signs
 * per visit, over 3 years), analytics syncs them through the real change feed, then DuckDB, loaded from a consistent
 * read-only snapshot of mdms_records (never the warehouse), answers the seven questions in plain SQL from their
 * definitions (OracleTest's SQL) for bench.oracleAsks (40) random parameter sets per question (seed printed,
 * -Dbench.seed replays); every API answer (as ADMIN, from the rollups) is compared with DuckDB's. Prints how many
 * answers were compared and how many differ (expected 0), with the first differences in full.
 */
@QuarkusTest
class OracleBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    Pool pool;
    @Inject
    SyncService sync;
    @Inject
    Scheduler scheduler;

    @Test
    void run() throws Exception {
        long items = Long.getLong("bench.items", 1_000_000);
        int perQuestion = Integer.getInteger("bench.oracleAsks", 40);
        long seed = Long.getLong("bench.seed", System.nanoTime());
        scheduler.pause("warehouse-sync");
        String admin = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
        StringBuilder report = new StringBuilder();
        long patients = Math.max(1, items / 16);
        long t0 = System.nanoTime();
        String seeded = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + admin)
                .body(Map.of("patients", patients, "visitsPerPatient", 4, "prescriptionsPerVisit", 1,
                        "itemsPerPrescription", 4, "examinationsPerVisit", 0, "vitalSignsPerVisit", 2, "seed", 11))
                .post("/api/v1/admin/seed").then().statusCode(200).extract().asString();
        report.append(String.format("%nBENCH oracle seed: %,d patients x 4 visits x 1 prescription x 4 items, 2 vital "
                        + "signs per visit, in %.1f s: %s%n", patients, (System.nanoTime() - t0) / 1e9,
                seeded.lines().filter(l -> l.startsWith("done") || l.startsWith("ERROR")).findFirst()
                        .orElse("(no summary line)")));

        WarehouseReset.reset(pool);
        t0 = System.nanoTime();
        long synced = 0;
        while (true) {
            SyncService.SyncRun run = sync.sync().await().atMost(Duration.ofMinutes(30));
            if (run.error() != null) {
                throw new IllegalStateException("sync failed: " + run.error());
            }
            synced += run.prescriptionItems();
            if (!run.hasMore()) {
                break;
            }
        }
        report.append(String.format("BENCH oracle sync through the feed: %,d prescription items in %.1f s%n", synced,
                (System.nanoTime() - t0) / 1e9));

        var config = ConfigProvider.getConfig();
        String url = "jdbc:mysql://" + config.getValue("mdms.db.host", String.class) + ":"
                + config.getValue("mdms.db.port", String.class)
                + "/mdms_records?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";
        String base = "http://localhost:" + RestAssured.port;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = duck.createStatement()) {
                st.execute("SET memory_limit = '" + System.getProperty("bench.duckdbMemory", "4GB") + "'");
            }
            t0 = System.nanoTime();
            Map<String, Long> copied;
            try (Connection records = DriverManager.getConnection(url, config.getValue("mdms.db.user", String.class),
                    config.getValue("mdms.db.password", String.class)); Statement st = records.createStatement()) {
                st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                copied = FactQuestions.copy(records, duck, RecordsQuestions.TABLES);
                st.execute("COMMIT");
            }
            report.append(String.format("BENCH oracle snapshot of mdms_records into DuckDB in %.1f s: %s%n",
                    (System.nanoTime() - t0) / 1e9, copied));

            List<Long> drugs = ids(duck, "SELECT id FROM drug ORDER BY id");
            List<Long> departments = ids(duck, "SELECT DISTINCT department_id FROM visit ORDER BY 1");
            List<Long> doctors = ids(duck, "SELECT DISTINCT doctor_id FROM prescription ORDER BY 1");
            List<Long> patientIds = ids(duck, "SELECT DISTINCT patient_id FROM vital_sign ORDER BY 1");
            LocalDate firstDay = LocalDate.parse(FactQuestions.rows(duck,
                    "SELECT CAST(MIN(started_at) AS DATE) FROM visit").get(0));
            LocalDate lastDay = LocalDate.now(ZoneOffset.UTC);
            YearMonth first = YearMonth.from(firstDay);
            int months = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(lastDay)) + 1;
            long days = ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
            SplittableRandom r = new SplittableRandom(seed);
            String[] grains = {"day", "week", "month"};
            String[] types = {"OUTPATIENT", "INPATIENT", "EMERGENCY"};
            report.append(String.format("BENCH oracle: %d parameter sets per question, seed %d (replay with "
                    + "-Dbench.seed=%d), as ADMIN, answers from the rollups%n", perQuestion, seed, seed));
            int compared = 0;
            int different = 0;
            for (int q = 0; q < RecordsQuestions.ALL.size(); q++) {
                Question question = RecordsQuestions.ALL.get(q);
                int differentHere = 0;
                for (int i = 0; i < perQuestion; i++) {
                    Ask a = new Ask();
                    a.drug = drugs.get(r.nextInt(drugs.size()));
                    a.year = first.getYear() + r.nextInt(lastDay.getYear() - first.getYear() + 1);
                    a.toMonth = first.plusMonths(r.nextInt(months));
                    YearMonth from = a.toMonth.minusMonths(r.nextInt(12));
                    a.fromMonth = from.isBefore(first) ? first : from;
                    a.by = r.nextBoolean() ? "quantity" : "amount";
                    a.order = r.nextInt(4) == 0 ? "bottom" : "top";
                    a.doctor = doctors.get(r.nextInt(doctors.size()));
                    a.granularity = grains[r.nextInt(3)];
                    int span = Math.min((int) days, switch (a.granularity) {
                        case "day" -> 7 + r.nextInt(84);
                        case "week" -> 28 + r.nextInt(155);
                        default -> 90 + r.nextInt(276);
                    });
                    a.toDay = firstDay.plusDays(span - 1 + r.nextLong(days - span + 1));
                    a.fromDay = a.toDay.minusDays(span - 1);
                    a.department = r.nextBoolean() ? departments.get(r.nextInt(departments.size())) : null;
                    a.type = q == 4 && r.nextInt(3) == 0 ? types[r.nextInt(3)] : null;
                    a.patient = patientIds.get(r.nextInt(patientIds.size()));
                    a.to = r.nextBoolean() ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            : firstDay.plusDays(r.nextLong(days)).atStartOfDay(ZoneOffset.UTC).toInstant();
                    a.from = a.to.minus(1 + r.nextInt(3 * 365), ChronoUnit.DAYS);
                    a.date = firstDay.plusDays(r.nextLong(days));
                    if (q == 2) {
                        a.department = null; // question 3 has no department
                    }
                    String path = question.url(a);
                    var response = RestAssured.given().baseUri(base).header("Authorization", "Bearer " + admin)
                            .accept(ContentType.JSON).get(path);
                    List<String> ours = response.statusCode() == 200
                            ? question.api(JSON.readTree(response.asString())) : List.of("HTTP " + response.statusCode());
                    List<String> theirs = question.duck(duck, a);
                    compared++;
                    if (!ours.equals(theirs)) {
                        different++;
                        differentHere++;
                        if (differentHere <= 3) {
                            report.append(String.format("BENCH oracle DIFFERENT %s %s%n  api:    %s%n  duckdb: %s%n",
                                    question.name(), path, ours, theirs));
                        }
                    }
                }
                report.append(String.format("BENCH oracle %-26s %d compared, %d different%n", question.name(),
                        perQuestion, differentHere));
            }
            report.append(String.format("BENCH oracle at %,d prescription items: %d answers compared with DuckDB's "
                    + "over the records, %d different%n", synced, compared, different));
        }
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-oracle.txt"), report.toString());
    }

    private static List<Long> ids(Connection duck, String sql) throws java.sql.SQLException {
        List<Long> out = new ArrayList<>();
        for (String row : FactQuestions.rows(duck, sql)) {
            out.add(Long.parseLong(row));
        }
        return out;
    }
}
