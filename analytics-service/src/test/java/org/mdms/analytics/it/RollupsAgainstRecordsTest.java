package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.sync.BulkCatchUp;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.analytics.warehouse.FailingWarehouseWriter;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;
import static org.mdms.analytics.it.Records.dec;
import static org.mdms.analytics.it.Records.sync;

/**
 * The sync and its rollups, checked against records made in the real patient-service ({@link Records}): replay,
 * a sync dying mid-batch, writes committing during a sync, reconciliation, and a bulk catch-up from empty.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class RollupsAgainstRecordsTest {

    private static Records records;

    @Inject
    Pool pool;
    @Inject
    FailingWarehouseWriter writer;
    @Inject
    BulkCatchUp catchUp;

    @BeforeEach
    void signInAndMakeRecordsOnce() {
        // here, not in @BeforeAll: RestAssured points at the application only around each test
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    private int monthKey() {
        return records.thisMonth.getYear() * 100 + records.thisMonth.getMonthValue();
    }

    private String rollupSnapshot() {
        StringBuilder all = new StringBuilder();
        for (String sql : List.of("SELECT * FROM rollup_drug_month ORDER BY 1, 2", "SELECT * FROM rollup_drug_day ORDER BY 1, 2",
                "SELECT * FROM rollup_drug_department_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_doctor_drug_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_day ORDER BY 1, 2", "SELECT * FROM rollup_visit_day ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_department_week ORDER BY 1, 2", "SELECT * FROM rollup_department_month ORDER BY 1, 2",
                "SELECT * FROM rollup_visit_week ORDER BY 1, 2, 3", "SELECT * FROM rollup_visit_month ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_month ORDER BY 1", "SELECT * FROM rollup_vital_day ORDER BY 1, 2",
                "SELECT COUNT(*), SUM(quantity) FROM fact_prescription_item")) {
            pool.query(sql).execute().await().indefinitely().forEach(row -> all.append(row.toJson()).append('\n'));
        }
        return all.toString();
    }

    private void plantOnFirstDrug(int quantity) {
        pool.query("UPDATE rollup_drug_month SET quantity = quantity + " + quantity + " WHERE month_key = " + monthKey()
                + " AND drug_id = " + records.drugs.get(0)).execute().await().indefinitely();
    }

    /** Every drug's monthly figures, the department's month and reconciliation agree with the records. */
    private void answersMatchTheRecords() {
        for (long drug : records.drugs) {
            BigDecimal[] u = records.usage(drug);
            Map<String, Object> month = ANALYST.analytics().get("/api/v1/drugs/" + drug + "/usage?year="
                            + records.thisMonth.getYear()).then().statusCode(200).extract().jsonPath()
                    .getMap("months[" + (records.thisMonth.getMonthValue() - 1) + "]");
            assertEquals(u[0].longValue(), ((Number) month.get("quantity")).longValue(), "quantity of " + drug);
            assertEquals(u[1].setScale(2), dec(month.get("amount")), "amount of " + drug);
            assertEquals(u[2].longValue(), ((Number) month.get("prescriptions")).longValue(), "prescriptions of " + drug);
        }
        JsonPath q4 = ANALYST.analytics().get("/api/v1/departments/workload?from=" + records.thisMonth.atDay(1)
                + "&to=" + records.thisMonth.atEndOfMonth() + "&granularity=month&departmentId="
                + records.department).then().statusCode(200).extract().jsonPath();
        assertEquals(records.prescriptionsThisMonth, q4.getInt("rows[0].prescriptions"));
        assertEquals(records.revenueThisMonth(), dec(q4.get("rows[0].revenue")));
        ANALYST.analytics().post("/api/v1/reconciliation?from=" + records.thisMonth.minusMonths(1) + "&to="
                + records.thisMonth).then().statusCode(200).body("consistent", equalTo(true));
    }

    @Test
    void aSyncWhenCaughtUpAppliesNothingAndAReplayLeavesTheRollupsAsTheyWere() {
        sync();
        String before = rollupSnapshot();
        assertEquals(0, sync().getLong("events"));
        JsonPath status = ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200).extract().jsonPath();
        assertEquals(0, status.getLong("eventsBehind"));
        assertEquals(0, status.getLong("secondsBehind"));
        assertTrue(status.getBoolean("thisReplicaHoldsLease"));
        // replay everything: rewind the cursor, keep the facts; the rollups must not move
        pool.query("UPDATE sync_cursor SET last_seq = 0").execute().await().indefinitely();
        assertTrue(ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200).extract().jsonPath()
                .getLong("eventsBehind") > 0);
        assertTrue(sync().getLong("events") > 0);
        assertEquals(before, rollupSnapshot());
    }

    @Test
    void aSyncThatDiesMidBatchResumesWithoutDoubleCounting() {
        sync();
        String before = rollupSnapshot();
        long cursor = ANALYST.analytics().get("/api/v1/sync/status").then().extract().jsonPath().getLong("cursor");
        JsonPath p = records.prescribe(records.visits.get(0), new long[][]{{records.drugs.get(0), 7}});
        JsonPath q = records.prescribe(records.visits.get(1), new long[][]{{records.drugs.get(1), 1}});
        records.expect(p);
        records.expect(q);
        writer.injectFailureAfter(1);
        JsonPath failed = sync();
        assertEquals("FAILED", failed.getString("outcome"));
        assertTrue(failed.getString("error").contains("injected"));
        assertEquals(before, rollupSnapshot(), "the half-applied batch was rolled back");
        assertEquals(cursor, ANALYST.analytics().get("/api/v1/sync/status").then().extract().jsonPath()
                .getLong("cursor"));

        assertEquals("UP_TO_DATE", sync().getString("outcome"));
        answersMatchTheRecords();
    }

    @Test
    void writesCommittingWhileTheSyncRunsAreNotSkipped() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonPath>> writes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                long drug = records.drugs.get(i % records.drugs.size());
                long visit = records.visits.get(i % records.visits.size());
                writes.add(writers.submit(() -> records.prescribe(visit, new long[][]{{drug, 1}})));
            }
            // sync concurrently with the writers, several times, while commits land in any order
            for (int i = 0; i < 5; i++) {
                sync();
            }
            for (Future<JsonPath> w : writes) {
                records.expect(w.get());
            }
        } finally {
            writers.shutdown();
        }
        assertEquals("UP_TO_DATE", sync().getString("outcome"));
        answersMatchTheRecords();
    }

    @Test
    void reconciliationFindsAPlantedMismatch() {
        sync();
        plantOnFirstDrug(7);
        try {
            JsonPath report = ANALYST.analytics().post("/api/v1/reconciliation?from=" + records.thisMonth + "&to="
                    + records.thisMonth).then().statusCode(200).extract().jsonPath();
            assertFalse(report.getBoolean("consistent"));
            // seen twice: in the month's total and in the drug's row of that month
            assertEquals(2, report.getInt("mismatchCount"), report.prettify());
            for (int i = 0; i < 2; i++) {
                assertEquals("rollup_drug_month", report.getString("mismatches[" + i + "].warehouseTable"));
                assertEquals("quantity", report.getString("mismatches[" + i + "].figure"));
                assertEquals(7, new BigDecimal(report.getString("mismatches[" + i + "].warehouse"))
                        .subtract(new BigDecimal(report.getString("mismatches[" + i + "].source"))).intValue());
            }
            assertEquals(null, report.getString("mismatches[0].dimension"));
            assertEquals("drug", report.getString("mismatches[1].dimension"));
            assertEquals(records.drugs.get(0), report.getLong("mismatches[1].dimensionId"));
            ANALYST.analytics().get("/api/v1/reconciliation/runs?size=1").then().statusCode(200)
                    .body("items[0].mismatchCount", equalTo(2)).body("totalItems", greaterThan(0));
        } finally {
            plantOnFirstDrug(-7);
        }
    }

    @Test
    void reconciliationLeavesAMonthAwaitingItsRebuildPendingThenChecksIt() {
        sync();
        // as a bulk catch-up leaves it: the month is marked stale and its rollups are off (here by a planted 7);
        // another replica holds the sync lease, so the sync that reconciliation runs first cannot rebuild it
        pool.query("INSERT IGNORE INTO rollup_stale_month (month_key) VALUES (" + monthKey() + ")").execute()
                .await().indefinitely();
        plantOnFirstDrug(7);
        pool.query("UPDATE sync_lease SET owner = 'another-replica', expires_at = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR "
                + "WHERE name = 'sync'").execute().await().indefinitely();
        String months = "from=" + records.thisMonth.minusMonths(1) + "&to=" + records.thisMonth;
        try {
            ANALYST.analytics().post("/api/v1/reconciliation?" + months).then().statusCode(200)
                    .body("mismatchCount", equalTo(0))
                    .body("pendingMonths", equalTo(List.of(records.thisMonth.toString())))
                    .body("consistent", equalTo(false));
        } finally {
            pool.query("UPDATE sync_lease SET owner = NULL, expires_at = UTC_TIMESTAMP(6) WHERE name = 'sync'")
                    .execute().await().indefinitely();
        }
        // with the lease free the sync rebuilds the month from its facts (the planted 7 is gone) and it is compared
        ANALYST.analytics().post("/api/v1/reconciliation?" + months).then().statusCode(200)
                .body("mismatchCount", equalTo(0))
                .body("pendingMonths", equalTo(List.of()))
                .body("consistent", equalTo(true));
        ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200).body("staleMonths", equalTo(List.of()));
        answersMatchTheRecords();
    }

    @Test
    void aBulkCatchUpFromEmptyAnswersAsTheRecordsSay() {
        // the whole feed again into an empty warehouse, every batch in bulk (facts only), months rebuilt at the end
        WarehouseReset.reset(pool);
        catchUp.always(true);
        JsonPath run;
        try {
            run = sync();
        } finally {
            catchUp.always(false);
        }
        assertEquals("UP_TO_DATE", run.getString("outcome"), run.prettify());
        assertTrue(run.getInt("bulkBatches") > 0, run.prettify());
        assertTrue(run.getInt("monthsRebuilt") > 0, run.prettify());
        ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200).body("staleMonths.size()", equalTo(0));
        answersMatchTheRecords();
        JsonPath q3 = DOCTOR.analytics().get("/api/v1/doctors/" + DOCTOR.staffId() + "/top-drugs?from="
                + records.thisMonth + "&to=" + records.thisMonth + "&n=100").then().statusCode(200).extract().jsonPath();
        for (Map.Entry<Long, BigDecimal[]> e : records.usageThisMonth.entrySet()) {
            assertEquals(e.getValue()[2].longValue(),
                    ((Number) q3.get("drugs.find { it.drugId == " + e.getKey() + " }.prescriptions")).longValue());
        }
        JsonPath q5 = ANALYST.analytics().get("/api/v1/visits/trends?from=" + records.today.minusDays(3) + "&to="
                + records.today + "&granularity=day").then().statusCode(200).extract().jsonPath();
        assertEquals(records.visitsByDayAndType, records.visitsByPeriodAndType(q5));
    }
}
