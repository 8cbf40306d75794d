package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The analytics findings of the hostile review: malformed parameters were 404 "HTTP 404 Not Found". */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class StrictInputTest {

    @Test
    void malformedParametersAre400sNamingTheParameter() {
        Peer analyst = Peer.login("analyst");
        analyst.analytics().queryParam("departmentId", "abc").get("/api/v1/drug-rankings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("errors[0].field", equalTo("departmentId"))
                .body("detail", not(containsString("HTTP 404")));
        analyst.analytics().queryParam("n", "1.5").get("/api/v1/drug-rankings")
                .then().statusCode(400).body("errors[0].field", equalTo("n"));
        analyst.analytics().get("/api/v1/drugs/abc/usage")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("drugId"));
        Peer.login("admin").analytics().get("/api/v1/patients/1.5/vital-signs/summary")
                .then().statusCode(400).body("errors[0].field", equalTo("patientId"));
        // worded as in the other two services: "must be ..., got '...'" (ErrorDialectTest)
        analyst.analytics().queryParam("by", "nope").get("/api/v1/drug-rankings")
                .then().statusCode(400).body("errors[0].field", equalTo("by"))
                .body("errors[0].message", equalTo("must be one of amount, quantity, got 'nope'"));
        Peer.login("admin").analytics().queryParam("from", "yesterday").get("/api/v1/patients/1/vital-signs/summary")
                .then().statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].message", equalTo("must be a date as yyyy-MM-dd or a timestamp with an offset, "
                        + "such as 2026-01-31T08:30:00Z, got 'yesterday'"));
    }

    @Test
    void severalBadParametersAreAllReported() {
        Peer analyst = Peer.login("analyst");
        analyst.analytics().queryParam("from", "2026-13").queryParam("by", "nope").queryParam("order", "up")
                .queryParam("n", 0).queryParam("source", "guess").get("/api/v1/drug-rankings")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("by", "from", "n", "order", "source"))
                .body("detail", equalTo("by: must be one of amount, quantity, got 'nope'; "
                        + "from: must be a month as yyyy-MM, got '2026-13'; n: must be between 1 and 100, got 0; "
                        + "order: must be one of bottom, top, got 'up'; source: must be one of facts, rollup, got 'guess'"));
        analyst.analytics().queryParam("from", "someday").queryParam("to", "2026-02-30").queryParam("granularity", "hour")
                .get("/api/v1/departments/workload")
                .then().statusCode(400).body("errors.field", contains("from", "granularity", "to"));
        // to before from is a fault of to, worded as in the other two services; checked only when both are months
        analyst.analytics().queryParam("from", "2026-03").queryParam("to", "2026-01").get("/api/v1/drug-rankings")
                .then().statusCode(400).body("errors.field", contains("to"))
                .body("errors[0].message", equalTo("must not be before from, got '2026-01'"));
        analyst.analytics().queryParam("from", "2026-03").queryParam("to", "2026-13").get("/api/v1/drug-rankings")
                .then().statusCode(400).body("errors.field", contains("to"))
                .body("errors[0].message", equalTo("must be a month as yyyy-MM, got '2026-13'"));
        Peer.login("admin").analytics().queryParam("from", "yesterday").queryParam("to", "today")
                .get("/api/v1/patients/1/vital-signs/summary")
                .then().statusCode(400).body("errors.field", contains("from", "to"));
    }

    @Test
    void aBadSortIsWordedAsInTheOtherServices() {
        Peer admin = Peer.login("admin");
        for (String sort : new String[]{"nope", "id,asc", "startedAt"}) {
            admin.analytics().queryParam("sort", sort).get("/api/v1/reconciliation/runs")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("sort"))
                    .body("errors[0].message", equalTo("must be one of id, startedAt, followed by ,desc, got '"
                            + sort + "'"));
        }
        admin.analytics().queryParam("sort", "startedAt,desc").get("/api/v1/reconciliation/runs").then().statusCode(200);
        admin.analytics().queryParam("sort", "nope").queryParam("size", 0).get("/api/v1/reconciliation/runs")
                .then().statusCode(400).body("errors.field", contains("size", "sort"));
    }

    @Test
    void pagingFollowsTheRuleOfAllThreeServices() {
        Peer admin = Peer.login("admin");
        admin.analytics().queryParam("page", 2147483647).queryParam("size", 100).get("/api/v1/reconciliation/runs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        admin.analytics().queryParam("size", 201).get("/api/v1/reconciliation/runs")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        admin.analytics().queryParam("size", 200).get("/api/v1/reconciliation/runs")
                .then().statusCode(200).body("size", equalTo(200));
        // a bad page and a bad size are both reported, as in the other two services
        admin.analytics().queryParam("page", -1).queryParam("size", 201).get("/api/v1/reconciliation/runs")
                .then().statusCode(400).body("errors.field", contains("page", "size"))
                .body("detail", equalTo("page: page must be 0 or more; size: size must be between 1 and 200"));
    }

    @Test
    void aRecordIsAnsweredAsJsonWhateverTextTypeTheClientAccepts() {
        Peer admin = Peer.login("admin");
        for (String accept : new String[]{"text/plain", "application/problem+json"}) {
            admin.analytics().accept(accept).get("/api/v1/reconciliation/runs")
                    .then().statusCode(200).contentType("application/json").body("page", equalTo(0));
        }
        // an Accept no answer can meet is still a 406 problem
        admin.analytics().accept("image/png").get("/api/v1/reconciliation/runs")
                .then().statusCode(406).contentType("application/problem+json").body("title", equalTo("Not Acceptable"));
    }
}
