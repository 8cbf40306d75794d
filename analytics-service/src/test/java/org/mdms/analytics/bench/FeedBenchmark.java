package org.mdms.analytics.bench;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.sync.SyncService;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Duration;
import java.util.Map;

/**
 * Sync from empty end to end (benchmark, not a test; run by src/bench/run-feed.sh): patient-service seeds
 * bench.items prescription items (patients x 4 visits x 1 prescription x 4 items, no examinations or vital signs)
 * with its own seeder, then the sync reads them through the real change feed over HTTP (JSON, 5 pages of 1000 per
 * transaction, bulk catch-up, months rebuilt at the end) until it is up to date. Items per second from empty.
 * The sync runs back to back as POST /api/v1/sync would; with -Dbench.scheduled=true the scheduled sync (every 5 s)
 * does it alone and the bench only watches the status.
 */
@QuarkusTest
class FeedBenchmark {

    @Inject
    Pool pool;
    @Inject
    SyncService sync;
    @Inject
    Scheduler scheduler;

    @Test
    void run() throws Exception {
        long items = Long.getLong("bench.items", 1_000_000);
        scheduler.pause("warehouse-sync");
        String admin = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
        long patients = Math.max(1, items / 16);
        long t0 = System.nanoTime();
        String seeded = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + admin)
                .body(Map.of("patients", patients, "visitsPerPatient", 4, "prescriptionsPerVisit", 1,
                        "itemsPerPrescription", 4, "examinationsPerVisit", 0, "vitalSignsPerVisit", 0, "seed", 7))
                .post("/api/v1/admin/seed").then().statusCode(200).extract().asString();
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        String done = seeded.lines().filter(l -> l.startsWith("done") || l.startsWith("ERROR")).findFirst()
                .orElse("(no summary line)");

        WarehouseReset.reset(pool);
        if (Boolean.getBoolean("bench.scheduled")) {
            scheduledSync(patients, seedSeconds, done);
            return;
        }
        long events = 0;
        long synced = 0;
        int runs = 0;
        int bulkBatches = 0;
        int rebuilt = 0;
        long start = System.nanoTime();
        while (true) {
            SyncService.SyncRun run = sync.sync().await().atMost(Duration.ofMinutes(30));
            runs++;
            if (run.error() != null) {
                throw new IllegalStateException("sync failed: " + run.error());
            }
            events += run.events();
            synced += run.prescriptionItems();
            bulkBatches += run.bulkBatches();
            rebuilt += run.monthsRebuilt();
            if (runs % 2 == 0 || !run.hasMore()) {
                System.out.printf("bench: %,d items synced, %.0f items/s so far%n", synced,
                        synced / ((System.nanoTime() - start) / 1e9));
            }
            if (!run.hasMore()) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = String.format("%nBENCH feed seed: %,d patients x 4 visits x 1 prescription x 4 items in "
                        + "%.1f s: %s%n"
                        + "BENCH feed sync from empty through GET /api/v1/changes: %,d events (%,d prescription items)"
                        + " in %.1f s -> %,.0f items/s (%,.0f events/s); %d runs, %d bulk batches, %d months rebuilt%n",
                patients, seedSeconds, done, events, synced, seconds, synced / seconds, events / seconds, runs,
                bulkBatches, rebuilt);
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-feed.txt"), report);
    }

    /** The scheduled sync alone: caught up when nothing is behind on the feed and no month waits for a rebuild. */
    private void scheduledSync(long patients, double seedSeconds, String done) throws Exception {
        long start = System.nanoTime();
        scheduler.resume("warehouse-sync");
        long lastPrint = start;
        while (true) {
            Thread.sleep(500);
            SyncService.SyncStatus status = sync.status().await().atMost(Duration.ofMinutes(1));
            if (status.lastRun() != null && status.lastRun().error() != null) {
                throw new IllegalStateException("sync failed: " + status.lastRun().error());
            }
            if (status.eventsBehind() != null && status.eventsBehind() == 0 && status.staleMonths().isEmpty()
                    && status.lastRun() != null && "UP_TO_DATE".equals(status.lastRun().outcome())) {
                break;
            }
            if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("bench: cursor %,d, %,d stale months, %.0f s%n", status.cursor(),
                        status.staleMonths().size(), (lastPrint - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long synced = pool.query("SELECT COUNT(*) FROM fact_prescription_item").execute().await().indefinitely()
                .iterator().next().getLong(0);
        long events = pool.query("SELECT events_applied FROM sync_cursor").execute().await().indefinitely()
                .iterator().next().getLong(0);
        String report = String.format("%nBENCH feed seed: %,d patients x 4 visits x 1 prescription x 4 items in "
                        + "%.1f s: %s%n"
                        + "BENCH feed scheduled sync (every 5 s) from empty: %,d events (%,d prescription items) "
                        + "up to date and rebuilt after %.1f s (status polled every 0.5 s) -> %,.0f items/s%n",
                patients, seedSeconds, done, events, synced, seconds, synced / seconds);
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-feed.txt"), report);
    }
}
