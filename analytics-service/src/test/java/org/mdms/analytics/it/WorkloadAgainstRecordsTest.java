package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.dec;

/**
 * Questions 4, 5 and 7 (department workload, visit trends, the day's dashboard) answered from records made in the
 * real patient-service ({@link Records}): workload and trends scoped to that department, the dashboard compared
 * before and after the records were made.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class WorkloadAgainstRecordsTest {

    private static Records records;

    @BeforeEach
    void signInAndMakeRecordsOnce() {
        // here, not in @BeforeAll: RestAssured points at the application only around each test
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    @Test
    void theDepartmentsDailyWorkloadCountsItsVisitsPrescriptionsAndRevenue() {
        Records.sync();
        JsonPath q4 = ANALYST.analytics().get("/api/v1/departments/workload?from=" + records.today.minusDays(3)
                + "&to=" + records.today + "&granularity=day&departmentId=" + records.department).then()
                .statusCode(200).extract().jsonPath();
        Map<String, Integer> answered = new HashMap<>();
        long prescriptions = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (Map<String, Object> row : q4.<Map<String, Object>>getList("rows")) {
            assertEquals(records.department, ((Number) row.get("departmentId")).longValue());
            answered.put((String) row.get("period"), ((Number) row.get("visits")).intValue());
            prescriptions += ((Number) row.get("prescriptions")).longValue();
            revenue = revenue.add(new BigDecimal(row.get("revenue").toString()));
        }
        records.visitsByDay().forEach((day, n) -> assertEquals(n, answered.get(day), "visits on " + day));
        assertEquals(records.prescriptionsThisMonth, prescriptions, "prescriptions not cancelled");
        assertEquals(records.revenueThisMonth(), revenue.setScale(2), "revenue");
    }

    @Test
    void everyDepartmentsDailyWorkloadFromTheRollupsIsTheFactsAnswer() {
        Records.sync();
        // by day the rollups' answer merges two reads (visits, prescriptions) in day and department order: the facts'
        // single grouped statement must give the same rows, in the same order, for every department of the window
        String query = "/api/v1/departments/workload?from=" + records.today.minusDays(40) + "&to=" + records.today
                + "&granularity=day";
        JsonPath rollups = ANALYST.analytics().get(query).then().statusCode(200).extract().jsonPath();
        JsonPath facts = ANALYST.analytics().get(query + "&source=facts").then().statusCode(200).extract().jsonPath();
        assertTrue(rollups.<Number>getList("rows.departmentId").stream()
                .anyMatch(id -> id.longValue() == records.department), "the records' department answers");
        assertEquals(facts.getList("rows"), rollups.getList("rows"), "the rollups give the facts' rows");
    }

    @Test
    void theDepartmentsMonthlyWorkloadIsOneRowForTheMonth() {
        Records.sync();
        JsonPath monthly = ANALYST.analytics().get("/api/v1/departments/workload?from=" + records.thisMonth.atDay(1)
                + "&to=" + records.thisMonth.atEndOfMonth() + "&granularity=month&departmentId="
                + records.department).then().statusCode(200).extract().jsonPath();
        assertEquals(1, monthly.getList("rows").size(), monthly.prettify());
        assertEquals(records.thisMonth.toString(), monthly.getString("rows[0].period"));
        assertEquals(records.prescriptionsThisMonth, monthly.getInt("rows[0].prescriptions"));
        assertEquals(records.revenueThisMonth(), dec(monthly.get("rows[0].revenue")));
    }

    @Test
    void visitTrendsCountTheDepartmentsVisitsByDayAndTypeFromRollupsAndFromFacts() {
        Records.sync();
        String query = "/api/v1/visits/trends?from=" + records.today.minusDays(3) + "&to=" + records.today
                + "&granularity=day";
        JsonPath rollups = ANALYST.analytics().get(query).then().statusCode(200).extract().jsonPath();
        assertEquals(records.visitsByDayAndType, records.visitsByPeriodAndType(rollups));
        JsonPath facts = ANALYST.analytics().get(query + "&source=facts").then().statusCode(200).extract().jsonPath();
        assertEquals(rollups.getList("rows"), facts.getList("rows"), "the facts give the rollups' rows");
    }

    @Test
    void theDashboardGainsExactlyTheNewRecordsOfToday() {
        Records.sync();
        JsonPath before = ANALYST.analytics().get("/api/v1/dashboard").then().statusCode(200).extract().jsonPath();
        Records more = Records.make();
        JsonPath after = ANALYST.analytics().get("/api/v1/dashboard").then().statusCode(200).extract().jsonPath();
        assertEquals(more.today.toString(), after.getString("date"));
        assertEquals((long) more.visitsByDay().getOrDefault(more.today.toString(), 0),
                after.getLong("visits") - before.getLong("visits"), "visits today");
        assertEquals((long) more.vitalsByDay.getOrDefault(more.today, 0),
                after.getLong("vitalMeasurements") - before.getLong("vitalMeasurements"), "vital signs today");
    }
}
