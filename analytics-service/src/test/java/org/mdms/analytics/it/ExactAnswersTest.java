package org.mdms.analytics.it;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.ChangeEvent;
import org.mdms.analytics.warehouse.FeedEvents;
import org.mdms.analytics.warehouse.FeedEvents.Line;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.analytics.warehouse.WarehouseWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12 items 3-5 through the HTTP API, on a warehouse fed with change events in the feed's own format (so the
 * dates and values can be chosen exactly): question 6's exact decimal arithmetic at half-way values, question 7's
 * exact 12-month window, and question 2's ranking for a doctor with order=bottom.
 */
@QuarkusTest // the embedded MariaDB and patient-service (for sign-in) come from the global test resource
class ExactAnswersTest {

    @Inject
    Pool pool;
    @Inject
    WarehouseWriter writer;

    static final Instant JAN = Instant.parse("2025-01-10T08:00:00Z");

    @BeforeEach
    void empty() {
        WarehouseReset.reset(pool);
    }

    private void apply(List<ChangeEvent> events) {
        pool.withTransaction(conn -> writer.apply(conn, events)).await().atMost(Duration.ofSeconds(30));
    }

    private static Map<String, Object> series(JsonPath summary, String name) {
        return summary.getMap("series.find { it.series == '" + name + "' }");
    }

    private static void assertFigures(Map<String, Object> s, String mean, String p25, String p50, String p75,
                                      String p95, String lowerFence, String upperFence) {
        assertEquals(List.of(mean, p25, p50, p75, p95, lowerFence, upperFence),
                List.of("mean", "p25", "p50", "p75", "p95", "lowerFence", "upperFence").stream()
                        .map(k -> new java.math.BigDecimal(s.get(k).toString()).setScale(2).toPlainString()).toList(),
                s.get("series") + " mean, p25, p50, p75, p95, fences");
    }

    @Test
    void vitalSignStatisticsAreExactAndRoundHalfWayValuesUp() {
        // question 6 asks patient-service whether the caller may see the patient, so the patients exist there too
        Peer admin = Peer.login("admin");
        long first = createPatient(admin, "FEMALE");
        long second = createPatient(admin, "MALE");
        FeedEvents feed = new FeedEvents(1).patient(first, "FEMALE", 1980).patient(second, "MALE", 1990);
        String[][] values = {{"HEART_RATE", "156.35", null}, {"HEART_RATE", "177.82", null},
                {"BLOOD_PRESSURE", "88.10", "58.18"}, {"BLOOD_PRESSURE", "88.11", "58.19"},
                {"SPO2", "93.42", null}, {"SPO2", "93.43", null},
                {"TEMPERATURE", "37.19", null}, {"TEMPERATURE", "37.20", null}};
        for (int i = 0; i < values.length; i++) {
            feed.vital(100 + i, first, values[i][0], values[i][1], values[i][2], false, JAN.plusSeconds(60L * i));
        }
        feed.vital(200, second, "HEART_RATE", "114.79", null, false, JAN).vital(201, second, "HEART_RATE", "114.80", null,
                false, JAN.plusSeconds(60));
        apply(feed.events());
        JsonPath a = admin.analytics().get("/api/v1/patients/" + first + "/vital-signs/summary?from=2025-01-01T00:00:00Z"
                + "&to=2025-02-01T00:00:00Z").then().statusCode(200).extract().jsonPath();
        // 156.35 + 0.5 x (177.82 - 156.35) = 167.085 exactly: half-way, rounded up (double arithmetic gave 167.08)
        assertFigures(series(a, "HEART_RATE"), "167.09", "161.72", "167.09", "172.45", "176.75", "145.62", "188.56");
        assertFigures(series(a, "BLOOD_PRESSURE_SYSTOLIC"), "88.11", "88.10", "88.11", "88.11", "88.11", "88.10",
                "88.12");
        assertFigures(series(a, "BLOOD_PRESSURE_DIASTOLIC"), "58.19", "58.18", "58.19", "58.19", "58.19", "58.18",
                "58.20");
        assertFigures(series(a, "SPO2"), "93.43", "93.42", "93.43", "93.43", "93.43", "93.42", "93.44");
        assertFigures(series(a, "TEMPERATURE"), "37.20", "37.19", "37.20", "37.20", "37.20", "37.19", "37.21");
        JsonPath b = admin.analytics().get("/api/v1/patients/" + second + "/vital-signs/summary?from=2025-01-01T00:00:00Z"
                + "&to=2025-02-01T00:00:00Z").then().statusCode(200).extract().jsonPath();
        assertFigures(series(b, "HEART_RATE"), "114.80", "114.79", "114.80", "114.80", "114.80", "114.79", "114.81");
        assertEquals(List.of(), b.getList("series[0].anomalies"), "two values are never outside their own fences");
    }

    private static long createPatient(Peer admin, String gender) {
        return admin.records().body(Map.of("mrn", "EXACT-" + System.nanoTime(), "name", "精确" + gender, "gender", gender,
                "birthDate", "1980-01-01")).post("/api/v1/patients").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private FeedEvents catalogue() {
        return new FeedEvents(1).department(1, "内科").doctor(10, 1, "张医生").drug(100, "阿莫西林", "2.00")
                .drug(101, "布洛芬", "3.00").drug(102, "维生素C", "1.00").patient(1000, "FEMALE", 1980);
    }

    @Test
    void dashboardTopDrugsCoverTheTwelveMonthsUpToTheDateAndNoDayAfter() {
        apply(catalogue()
                .visit(500, 1000, 10, 1, "OUTPATIENT", "CLOSED", Instant.parse("2024-01-31T10:00:00Z"))
                .prescription(900, 500, 1000, 10, 1, "ISSUED", Instant.parse("2024-01-31T10:00:00Z"),
                        new Line(1, 100, 100, "2.00"))               // before the window
                .prescription(901, 500, 1000, 10, 1, "ISSUED", Instant.parse("2024-02-01T00:00:00Z"),
                        new Line(2, 101, 1, "3.00"))                 // first day of the window
                .prescription(902, 500, 1000, 10, 1, "ISSUED", Instant.parse("2025-01-17T23:59:59Z"),
                        new Line(3, 100, 5, "2.00"))                 // the date itself
                .prescription(903, 500, 1000, 10, 1, "ISSUED", Instant.parse("2025-01-18T00:00:00Z"),
                        new Line(4, 101, 9, "3.00"))                 // the day after
                .events());
        Peer analyst = Peer.login("analyst");
        JsonPath q7 = analyst.analytics().get("/api/v1/dashboard?date=2025-01-17&top=5").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("2024-02-01", q7.getString("topDrugsFrom"));
        assertEquals("2025-01-17", q7.getString("topDrugsTo"));
        assertEquals(List.of(100L, 101L), q7.getList("topDrugs.drugId", Long.class));
        assertEquals(List.of(5, 1), q7.getList("topDrugs.quantity", Integer.class));
        // on the last day of the month the whole month counts
        JsonPath endOfMonth = analyst.analytics().get("/api/v1/dashboard?date=2025-01-31&top=5").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(101L, 100L), endOfMonth.getList("topDrugs.drugId", Long.class));
        assertEquals(List.of(10, 5), endOfMonth.getList("topDrugs.quantity", Integer.class));
    }

    @Test
    void aDoctorsBottomRankingHoldsOnlyDrugsTheDoctorPrescribed() {
        Peer doctor = Peer.login("doctor");
        long me = doctor.staffId();
        apply(catalogue().doctor(me, 1, "演示医生")
                .visit(500, 1000, me, 1, "OUTPATIENT", "OPEN", JAN)
                .prescription(900, 500, 1000, me, 1, "ISSUED", JAN, new Line(1, 100, 7, "2.00"),
                        new Line(2, 101, 2, "3.00"))
                .prescription(901, 500, 1000, 10, 1, "ISSUED", JAN, new Line(3, 102, 1, "1.00"))
                .events());
        JsonPath mine = doctor.analytics().get("/api/v1/drug-rankings?from=2025-01&to=2025-01&order=bottom&n=10")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(101L, 100L), mine.getList("drugs.drugId", Long.class),
                "least prescribed first; catalogue drugs the doctor never prescribed are not listed");
        JsonPath everyone = Peer.login("analyst").analytics()
                .get("/api/v1/drug-rankings?from=2025-01&to=2025-01&order=bottom&n=10").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(102L, 101L, 100L), everyone.getList("drugs.drugId", Long.class).subList(0, 3));
    }
}
