package org.mdms.analytics.warehouse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.sync.SyncDriver;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Questions 4 and 5 by week and month read whole periods from the week and month rollups and the partial edge
 * periods from the day rollups. Fed with change-feed events around a week that spans two months (Monday 2025-01-27
 * to Sunday 2025-02-02), every answer over windows that start and end mid-week, mid-month and on period bounds is
 * compared through the HTTP API with the same question answered from the facts: after the deltas, after a visit
 * moves to another department, after cancellations, and after bulk catch-up's month rebuild.
 */
// the embedded MariaDB (and patient-service) come from the global test resource, declared on it/*AgainstRecordsTest
@QuarkusTest
class PeriodRollupsTest {

    @Inject
    Pool pool;
    @Inject
    FailingWarehouseWriter writer;
    @Inject
    SyncDriver sync;

    private String token;

    /** Days with records: the week of 2024-12-30 spans December and January, that of 2025-01-27 January, February. */
    private static final List<LocalDate> DAYS = List.of(LocalDate.parse("2024-12-30"), LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-01-06"), LocalDate.parse("2025-01-15"), LocalDate.parse("2025-01-28"),
            LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-02"),
            LocalDate.parse("2025-02-03"), LocalDate.parse("2025-02-20"), LocalDate.parse("2025-03-03"),
            LocalDate.parse("2025-03-31"));
    /** Window bounds: period starts and ends, mid-week and mid-month days. */
    private static final List<LocalDate> BOUNDS = List.of(LocalDate.parse("2024-12-30"), LocalDate.parse("2025-01-01"),
            LocalDate.parse("2025-01-06"), LocalDate.parse("2025-01-27"), LocalDate.parse("2025-01-29"),
            LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-01"), LocalDate.parse("2025-02-02"),
            LocalDate.parse("2025-02-28"), LocalDate.parse("2025-03-31"));
    private static final String[] TYPES = {"OUTPATIENT", "INPATIENT", "EMERGENCY"};

    @BeforeEach
    void emptyAndSignIn() {
        WarehouseReset.reset(pool);
        token = RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", "analyst", "password", "mdms-demo"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @AfterEach
    void leaveNoHandMadeRecords() {
        // the next sync replays patient-service's real feed from the start
        WarehouseReset.reset(pool);
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    /** Per day i: a visit in department 1 or 2 (types in turn) with a prescription; a second visit every 3rd day. */
    private static List<ChangeEvent> history() {
        FeedEvents events = new FeedEvents(1).department(1, "内科").department(2, "儿科").doctor(10, 1, "张医生")
                .drug(100, "阿莫西林", "12.50").drug(101, "布洛芬", "8.00").patient(1000, "FEMALE", 1980);
        for (int i = 0; i < DAYS.size(); i++) {
            LocalDate day = DAYS.get(i);
            long department = i % 2 + 1;
            events.visit(800 + i, 1000, 10, department, TYPES[i % 3], "OPEN", at(day, 9))
                    .prescription(900 + i, 800 + i, 1000, 10, department, "ISSUED", at(day, 10),
                            new FeedEvents.Line(2L * i, 100, i + 1, "12.50"),
                            new FeedEvents.Line(2L * i + 1, 101, 2, "8.00"));
            if (i % 3 == 0) {
                events.visit(850 + i, 1000, 10, 2, "EMERGENCY", "CLOSED", at(day, 23));
            }
        }
        return events.events();
    }

    private void apply(List<ChangeEvent> events) {
        pool.withTransaction(conn -> writer.apply(conn, events)).await().atMost(Duration.ofSeconds(30));
    }

    private void applyBulk(List<ChangeEvent> events) {
        pool.withTransaction(conn -> writer.apply(conn, events, true)).await().atMost(Duration.ofSeconds(30));
    }

    private List<String> query(String sql) {
        List<String> rows = new ArrayList<>();
        pool.query(sql).execute().await().indefinitely().forEach(row -> rows.add(row.toJson().encode()));
        return rows;
    }

    private JsonPath ask(String path) {
        return RestAssured.given().header("Authorization", "Bearer " + token).get(path).then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * Questions 4 and 5 over every window between two bounds, by week and by month, for all departments, one
     * department, and one visit type: the rollups' rows equal the facts' rows. Returns the rows compared.
     */
    private int rollupsAnswerAsTheFacts(String when) {
        int rows = 0;
        for (int a = 0; a < BOUNDS.size(); a++) {
            for (int b = a; b < BOUNDS.size(); b++) {
                for (String granularity : List.of("week", "month")) {
                    String window = "?from=" + BOUNDS.get(a) + "&to=" + BOUNDS.get(b) + "&granularity=" + granularity;
                    for (String question : List.of("/api/v1/departments/workload" + window,
                            "/api/v1/departments/workload" + window + "&departmentId=2",
                            "/api/v1/visits/trends" + window,
                            "/api/v1/visits/trends" + window + "&departmentId=1&type=" + TYPES[(a + b) % 3])) {
                        List<Object> fromRollups = ask(question).getList("rows");
                        assertEquals(ask(question + "&source=facts").getList("rows"), fromRollups,
                                when + ": " + question);
                        rows += fromRollups.size();
                    }
                }
            }
        }
        return rows;
    }

    /** The week and month rollups' rows that are not all zeros (deltas leave zero rows behind, a rebuild does not). */
    private List<String> periodRollups() {
        List<String> rows = new ArrayList<>();
        for (String sql : List.of(
                "SELECT * FROM rollup_department_week WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_department_month WHERE prescriptions <> 0 OR items <> 0 ORDER BY 1, 2",
                "SELECT * FROM rollup_visit_week WHERE visits <> 0 ORDER BY 1, 2, 3",
                "SELECT * FROM rollup_visit_month WHERE visits <> 0 ORDER BY 1, 2, 3")) {
            rows.addAll(query(sql));
        }
        return rows;
    }

    @Test
    void aWeekSpanningTwoMonthsIsOnePeriodWithTheDaysOfBoth() {
        apply(history());
        // Tue 01-28 (dept 1), Fri 01-31 (dept 2), Sat 02-01 (dept 1, and a second visit in dept 2), Sun 02-02 (dept 2)
        JsonPath week = ask("/api/v1/departments/workload?from=2025-01-27&to=2025-02-02&granularity=week");
        assertEquals(List.of("2025-01-27", "2025-01-27"), week.getList("rows.period"), week.prettify());
        assertEquals(List.of(2, 3), week.getList("rows.visits"));
        assertEquals(List.of(2, 2), week.getList("rows.prescriptions"));
        assertEquals(List.of("{\"visits\":2}"), query("SELECT SUM(visits) AS visits FROM rollup_visit_week "
                + "WHERE week_start = '2025-01-27' AND department_id = 1"), "one row per week, both months' days");

        // mid-week on both sides: only 01-31 and 02-01 of that week
        JsonPath edges = ask("/api/v1/departments/workload?from=2025-01-29&to=2025-02-01&granularity=week");
        assertEquals(List.of(1, 2), edges.getList("rows.visits"), edges.prettify());

        // by month the same days split into January and February
        JsonPath months = ask("/api/v1/visits/trends?from=2025-01-27&to=2025-02-02&granularity=month");
        assertEquals(List.of("2025-01", "2025-01", "2025-02", "2025-02", "2025-02"), months.getList("rows.period"),
                months.prettify());
    }

    @Test
    void wholePeriodsComeFromTheWeekAndMonthRollupsAndEdgesFromTheDays() {
        apply(history());
        String whole = "/api/v1/visits/trends?from=2025-01-06&to=2025-01-12&granularity=week&departmentId=1";
        String partial = "/api/v1/visits/trends?from=2025-01-07&to=2025-01-12&granularity=week&departmentId=1";
        String monthly = "/api/v1/visits/trends?from=2025-01-01&to=2025-01-31&granularity=month&departmentId=1";
        assertEquals(List.of(1), ask(whole).getList("rows.visits"));
        assertEquals(List.of(), ask(partial).getList("rows.visits"), "01-06 is before the window");

        // a planted difference in the week and month rollups shows in whole periods only
        pool.query("UPDATE rollup_visit_week SET visits = visits + 100 WHERE week_start = '2025-01-06' "
                + "AND department_id = 1").execute().await().indefinitely();
        pool.query("UPDATE rollup_visit_month SET visits = visits + 100 WHERE month_key = 202501 "
                + "AND department_id = 1 AND visit_type = 'INPATIENT'").execute().await().indefinitely();
        assertEquals(List.of(101), ask(whole).getList("rows.visits"));
        assertEquals(List.of(1), ask(whole + "&source=facts").getList("rows.visits"));
        assertEquals(List.of(), ask(partial).getList("rows.visits"));
        assertTrue(ask(monthly).getList("rows.visits").contains(101), ask(monthly).prettify());
        assertEquals(List.of(1, 1), ask("/api/v1/visits/trends?from=2025-01-02&to=2025-01-31&granularity=month"
                + "&departmentId=1").getList("rows.visits"), "a partial month is read from the days");
    }

    @Test
    void rollupsAnswerAsTheFactsAfterDeltasMovesCancellationsAndRebuilds() {
        List<ChangeEvent> history = history();
        apply(history);
        assertTrue(rollupsAnswerAsTheFacts("deltas") > 100, "the windows have rows to compare");

        // the visit of Sat 02-01 moves from department 1 to 2, its prescription with it
        List<ChangeEvent> move = new FeedEvents(100).visit(806, 1000, 10, 2, TYPES[0], "OPEN",
                at(DAYS.get(6), 9)).events();
        apply(move);
        assertEquals(List.of("{\"department_id\":2}"),
                query("SELECT department_id FROM fact_prescription WHERE id = 906"));
        rollupsAnswerAsTheFacts("after the move");

        // Fri 01-31's prescription and Tue 01-28's visit are cancelled
        List<ChangeEvent> cancel = new FeedEvents(200)
                .prescription(905, 805, 1000, 10, 2, "CANCELLED", at(DAYS.get(5), 10),
                        new FeedEvents.Line(10, 100, 6, "12.50"), new FeedEvents.Line(11, 101, 2, "8.00"))
                .visit(804, 1000, 10, 1, TYPES[1], "CANCELLED", at(DAYS.get(4), 9)).events();
        apply(cancel);
        rollupsAnswerAsTheFacts("after the cancellations");
        List<String> byDeltas = periodRollups();

        // bulk catch-up of the same history: facts only, then each month rebuilt (weeks shared by two months twice)
        WarehouseReset.reset(pool);
        applyBulk(history);
        applyBulk(move);
        applyBulk(cancel);
        assertEquals(4, sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30)));
        assertEquals(byDeltas, periodRollups());
        rollupsAnswerAsTheFacts("after the rebuild");

        // only February is stale: the week of 01-27 is recomputed from January's days and February's rebuilt ones
        applyBulk(new FeedEvents(300).prescription(907, 807, 1000, 10, 2, "DISPENSED", at(DAYS.get(7), 10),
                new FeedEvents.Line(14, 100, 30, "12.50")).events());
        assertEquals(List.of("{\"month_key\":202502}"), query("SELECT month_key FROM rollup_stale_month"));
        assertEquals(1, sync.rebuildStaleMonths().await().atMost(Duration.ofSeconds(30)));
        rollupsAnswerAsTheFacts("after February's rebuild");
        assertEquals(List.of("{\"prescriptions\":1,\"items\":1,\"revenue\":\"375.00\"}"),
                query("SELECT prescriptions, items, CAST(revenue AS CHAR) AS revenue FROM rollup_department_day "
                        + "WHERE day = '2025-02-02'"));
    }
}
