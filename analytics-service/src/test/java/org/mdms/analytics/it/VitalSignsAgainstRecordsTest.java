package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.analytics.it.Records.ADMIN;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;
import static org.mdms.analytics.it.Records.HEART_RATES;
import static org.mdms.analytics.it.Records.PHARMACIST;
import static org.mdms.analytics.it.Records.dec;

/** Question 6 (a patient's vital signs summarised, outliers flagged), asked of a patient made in {@link Records}. */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class VitalSignsAgainstRecordsTest {

    private static Records records;

    @BeforeEach
    void signInAndMakeRecordsOnce() {
        // here, not in @BeforeAll: RestAssured points at the application only around each test
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    private JsonPath summaryOfPatientA() {
        return DOCTOR.analytics().get("/api/v1/patients/" + records.patientA + "/vital-signs/summary?from="
                        + records.now.minus(1, ChronoUnit.DAYS) + "&to=" + records.now.plus(1, ChronoUnit.MINUTES))
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theHeartRateStatisticsAreThoseOfTheMeasurements() {
        Records.sync();
        double[] sorted = Arrays.stream(HEART_RATES).asDoubleStream().sorted().toArray();
        Map<String, Object> hr = summaryOfPatientA().getMap("series.find { it.series == 'HEART_RATE' }");
        assertEquals(HEART_RATES.length, hr.get("count"));
        assertEquals(dec(68), dec(hr.get("min")));
        assertEquals(dec(160), dec(hr.get("max")));
        assertEquals(BigDecimal.valueOf(Arrays.stream(sorted).average().orElseThrow()).setScale(2,
                RoundingMode.HALF_UP), dec(hr.get("mean")));
        assertEquals(BigDecimal.valueOf(percentile(sorted, 0.5)).setScale(2, RoundingMode.HALF_UP), dec(hr.get("p50")));
        assertEquals(BigDecimal.valueOf(percentile(sorted, 0.25)).setScale(2, RoundingMode.HALF_UP),
                dec(hr.get("p25")));
    }

    @Test
    void theHeartRateOutlierIsFlaggedByTheIqrRule() {
        Records.sync();
        assertTrue(summaryOfPatientA()
                .getList("series.find { it.series == 'HEART_RATE' }.anomalies.findAll { it.reason == 'IQR' }.value")
                .stream().map(v -> new BigDecimal(v.toString()).intValue()).toList().contains(160));
    }

    @Test
    void bloodPressureIsSummarisedAsTwoSeries() {
        Records.sync();
        JsonPath summary = summaryOfPatientA();
        assertEquals(dec(128), dec(summary.get("series.find { it.series == 'BLOOD_PRESSURE_SYSTOLIC' }.max")));
        assertEquals(dec(82), dec(summary.get("series.find { it.series == 'BLOOD_PRESSURE_DIASTOLIC' }.max")));
    }

    @Test
    void onlyAClinicianMayAskAboutOnePatientAndBadRangesAreRefused() {
        // a clinical read of one patient: no per-patient answer for an analyst or a pharmacist
        ANALYST.analytics().get("/api/v1/patients/" + records.patientA + "/vital-signs/summary").then()
                .statusCode(403).contentType("application/problem+json");
        PHARMACIST.analytics().get("/api/v1/patients/" + records.patientA + "/vital-signs/summary").then()
                .statusCode(403);
        DOCTOR.analytics().get("/api/v1/patients/" + records.patientA + "/vital-signs/summary?from=2026-02-01"
                + "&to=2026-01-01").then().statusCode(400).body("errors.field", hasItem("to"));
        ADMIN.analytics().get("/api/v1/patients/99999999/vital-signs/summary").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void eachAnswerIsAuditedInPatientServicesTrailAndARefusalIsNot() {
        String summary = "/api/v1/patients/" + records.patientA + "/vital-signs/summary";
        int before = vitalSignSummaryReads();
        DOCTOR.analytics().get(summary).then().statusCode(200);
        DOCTOR.analytics().accept("text/csv").get(summary).then().statusCode(200);
        assertEquals(before + 2, vitalSignSummaryReads(), "one audit row per answer, the doctor's");
        ANALYST.analytics().get(summary).then().statusCode(403);
        assertEquals(before + 2, vitalSignSummaryReads(), "a refused read is no read");
    }

    /** The doctor's audited reads of patient A's vital signs through analytics, from patient-service's trail. */
    private static int vitalSignSummaryReads() {
        return ADMIN.records().queryParam("patientId", records.patientA).queryParam("username", "doctor")
                .queryParam("action", "SEARCH").queryParam("size", 200).get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.detail == 'vital-sign summary in analytics-service "
                        + "(question 6)' && it.resourceType == 'VITAL_SIGN' }").size();
    }

    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int low = (int) Math.floor(h);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}
