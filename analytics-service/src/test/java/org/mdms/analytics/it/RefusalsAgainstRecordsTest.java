package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mdms.analytics.it.Records.ADMIN;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;
import static org.mdms.analytics.it.Records.PHARMACIST;

/** Bad parameters, unknown references and callers without the role get a problem+json naming what is wrong. */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class RefusalsAgainstRecordsTest {

    @BeforeEach
    void signIn() {
        Records.signIn();
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        // a period ending before it starts names to, as in patient- and imaging-service (ErrorDialectTest)
        ANALYST.analytics().get("/api/v1/drug-rankings?from=2026-06&to=2026-01").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("to"));
        ANALYST.analytics().get("/api/v1/departments/workload?from=2026-06-02&to=2026-06-01").then().statusCode(400)
                .body("errors.field", hasItem("to"));
        for (String n : List.of("0", "101", "-3")) {
            ANALYST.analytics().get("/api/v1/drug-rankings?n=" + n).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("n"));
        }
        ANALYST.analytics().get("/api/v1/drug-rankings?from=2026-13").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        ANALYST.analytics().get("/api/v1/drug-rankings?by=price").then().statusCode(400)
                .body("errors.field", hasItem("by"));
        ANALYST.analytics().get("/api/v1/drug-rankings/chart?dpi=10").then().statusCode(400)
                .body("errors.field", hasItem("dpi"));
        ANALYST.analytics().get("/api/v1/drug-rankings/chart?format=gif").then().statusCode(400)
                .body("errors.field", hasItem("format"));
    }

    @Test
    void unknownDrugsDepartmentsAndDoctorsAreNotFound() {
        ANALYST.analytics().get("/api/v1/drugs/999999/usage").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("drug 999999"));
        ANALYST.analytics().get("/api/v1/drug-rankings?departmentId=99999").then().statusCode(404);
        ANALYST.analytics().get("/api/v1/doctors/99999/top-drugs").then().statusCode(404);
    }

    @Test
    void callersWithoutTheRoleOrATokenAreRefused() {
        RestAssured.given().get("/api/v1/drug-rankings").then().statusCode(401);
        RestAssured.given().get("/api/v1/dashboard/chart").then().statusCode(401);
        DOCTOR.analytics().get("/api/v1/departments/workload").then().statusCode(403);
        DOCTOR.analytics().get("/api/v1/doctors/" + (DOCTOR.staffId() + 1) + "/top-drugs").then().statusCode(403);
        DOCTOR.analytics().post("/api/v1/sync").then().statusCode(403);
        PHARMACIST.analytics().get("/api/v1/drug-rankings").then().statusCode(403);
    }

    @Test
    void aRoleThatMayNeverUseAnEndpointIsRefusedWhateverItsParameters() {
        // the dashboard chart checks its caller itself (it may be public): its numbers are read after that
        DOCTOR.analytics().queryParam("top", "abc").queryParam("dpi", "x").get("/api/v1/dashboard/chart")
                .then().statusCode(403);
        ADMIN.analytics().queryParam("top", "abc").queryParam("dpi", "x").get("/api/v1/dashboard/chart")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.contains("dpi", "top"));
        // @RolesAllowed is checked before JAX-RS converts a parameter
        DOCTOR.analytics().queryParam("departmentId", "abc").get("/api/v1/departments/workload")
                .then().statusCode(403);
        DOCTOR.analytics().queryParam("top", "abc").get("/api/v1/dashboard").then().statusCode(403);
        PHARMACIST.analytics().queryParam("n", "abc").queryParam("departmentId", "x")
                .get("/api/v1/drug-rankings").then().statusCode(403);
        PHARMACIST.analytics().queryParam("dpi", "abc").get("/api/v1/patients/1/vital-signs/summary/chart")
                .then().statusCode(403);
        DOCTOR.analytics().queryParam("page", "abc").get("/api/v1/reconciliation/runs").then().statusCode(403);
    }
}
