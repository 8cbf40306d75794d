package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.mdms.analytics.it.Records.ANALYST;

/**
 * The packaged analytics-service (target/quarkus-app, profile prod) against the embedded MariaDB and the real
 * patient-service of {@link PatientServiceResource}: ready, a sync through the real change feed whose answer shows
 * records just made in patient-service, refusals as problem+json.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class AnalyticsServiceIT {

    @Test
    void isReadyWithItsDatabase() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aSyncBringsRecordsMadeInPatientServiceIntoTheAnswers() {
        Records records = Records.make(); // made through patient-service's API, then POST /api/v1/sync
        long drug = records.drugs.get(0);
        ANALYST.analytics().get("/api/v1/drugs/" + drug + "/usage?year=" + records.thisMonth.getYear()).then()
                .statusCode(200)
                .body("months[" + (records.thisMonth.getMonthValue() - 1) + "].quantity",
                        equalTo(records.usage(drug)[0].intValue()));
        ANALYST.analytics().get("/api/v1/sync/status").then().statusCode(200).body("eventsBehind", equalTo(0));
    }

    @Test
    void badParametersAndMissingTokensAreRefusedWithProblemJson() {
        Records.signIn();
        ANALYST.analytics().get("/api/v1/drug-rankings?n=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("n"));
        RestAssured.given().get("/api/v1/drug-rankings").then().statusCode(401);
    }
}
