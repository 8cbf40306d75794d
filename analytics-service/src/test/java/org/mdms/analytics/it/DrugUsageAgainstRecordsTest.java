package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mdms.analytics.it.Records.ANALYST;
import static org.mdms.analytics.it.Records.DOCTOR;
import static org.mdms.analytics.it.Records.dec;

/**
 * Questions 1-3 (a drug's use by month, drug rankings, a doctor's top drugs) answered from records made in the real
 * patient-service ({@link Records}), each answer scoped to that department's and those drugs' figures.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class DrugUsageAgainstRecordsTest {

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
    void eachDrugsMonthlyUseMatchesItsPrescriptionsFromRollupsAndFromFacts() {
        Records.sync();
        for (long drug : records.drugs) {
            BigDecimal[] u = records.usage(drug);
            for (String source : List.of("rollup", "facts")) {
                JsonPath q1 = ANALYST.analytics().get("/api/v1/drugs/" + drug + "/usage?year="
                        + records.thisMonth.getYear() + "&source=" + source).then().statusCode(200).extract().jsonPath();
                assertEquals(12, q1.getList("months").size());
                Map<String, Object> month = q1.getMap("months[" + (records.thisMonth.getMonthValue() - 1) + "]");
                assertEquals(records.thisMonth.toString(), month.get("month"));
                String what = source + " figures of drug " + drug;
                assertEquals(u[0].longValue(), ((Number) month.get("quantity")).longValue(), "quantity, " + what);
                assertEquals(u[1].setScale(2), dec(month.get("amount")), "amount, " + what);
                assertEquals(u[2].longValue(), ((Number) month.get("prescriptions")).longValue(),
                        "prescriptions, " + what);
                assertEquals(records.drugNames.get(drug), q1.getString("drugName"));
            }
        }
    }

    @Test
    void aDoctorAskingAboutADrugSeesOnlyTheirOwnPrescriptions() {
        Records.sync();
        long drug = records.drugs.get(0);
        DOCTOR.analytics().get("/api/v1/drugs/" + drug + "/usage?year=" + records.thisMonth.getYear()).then()
                .statusCode(200).body("doctorId", equalTo((int) DOCTOR.staffId()))
                .body("months[" + (records.thisMonth.getMonthValue() - 1) + "].quantity",
                        equalTo(records.usage(drug)[0].intValue()));
    }

    @Test
    void theDepartmentsRankingOrdersItsDrugsByQuantityOrAmount() {
        Records.sync();
        String month = "from=" + records.thisMonth + "&to=" + records.thisMonth + "&departmentId=" + records.department;
        List<Long> expectedTop = records.drugsByQuantity().subList(0, 2);
        JsonPath byQuantity = ANALYST.analytics().get("/api/v1/drug-rankings?" + month + "&by=quantity&order=top&n=2")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(expectedTop, byQuantity.getList("drugs.drugId", Long.class));
        assertEquals(records.usage(expectedTop.get(0))[0].longValue(), byQuantity.getLong("drugs[0].quantity"));
        assertEquals(byQuantity.getList("drugs"), ANALYST.analytics().get("/api/v1/drug-rankings?" + month
                + "&by=quantity&order=top&n=2&source=facts").then().statusCode(200).extract().jsonPath()
                .getList("drugs"), "the facts rank as the rollups do");

        long topByAmount = records.usageThisMonth.entrySet().stream()
                .max((a, b) -> a.getValue()[1].compareTo(b.getValue()[1])).orElseThrow().getKey();
        JsonPath byAmount = ANALYST.analytics().get("/api/v1/drug-rankings?" + month + "&by=amount&order=top&n=1")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(topByAmount, byAmount.getLong("drugs[0].drugId"));
        assertEquals(records.usage(topByAmount)[1].setScale(2), dec(byAmount.get("drugs[0].amount")));
    }

    @Test
    void aDrugNobodyPrescribedRanksAtZero() {
        Records.sync();
        JsonPath bottom = ANALYST.analytics().get("/api/v1/drug-rankings?from=" + records.thisMonth + "&to="
                        + records.thisMonth + "&departmentId=" + records.department + "&order=bottom&n=100")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, bottom.getLong("drugs[0].quantity"), "a catalogue drug nobody prescribed is the least used");
        // the drug this test made and never prescribed is one of the drugs at zero; ties go by drug id, so with more
        // than 100 catalogue drugs at zero it may lie past the ones listed
        List<Long> quantities = bottom.getList("drugs.quantity", Long.class);
        List<Long> ids = bottom.getList("drugs.drugId", Long.class);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(quantities.get(i) > quantities.get(i - 1)
                    || quantities.get(i).equals(quantities.get(i - 1)) && ids.get(i) > ids.get(i - 1),
                    "bottom order at " + i + ": " + quantities + " " + ids);
        }
        int unused = ids.indexOf(records.unusedDrug);
        if (ids.size() < 100) {
            assertTrue(unused >= 0, "every catalogue drug takes part: " + records.unusedDrug + " in " + ids);
            assertEquals(0L, quantities.get(unused), "the drug never prescribed");
        } else {
            assertTrue(unused >= 0 ? quantities.get(unused) == 0
                            : quantities.get(99) == 0 && ids.get(99) < records.unusedDrug,
                    "the unused drug " + records.unusedDrug + " at zero, or behind 100 drugs at zero with lower ids");
        }
    }

    @Test
    void theDoctorsTopDrugsCountTheirPrescriptionsButNotCancelledOnes() {
        Records.sync();
        JsonPath q3 = DOCTOR.analytics().get("/api/v1/doctors/" + DOCTOR.staffId() + "/top-drugs?from="
                + records.thisMonth + "&to=" + records.thisMonth + "&n=100").then().statusCode(200).extract().jsonPath();
        for (Map.Entry<Long, BigDecimal[]> e : records.usageThisMonth.entrySet()) {
            Object prescriptions = q3.get("drugs.find { it.drugId == " + e.getKey() + " }.prescriptions");
            assertNotNull(prescriptions, "drug " + e.getKey() + " among the doctor's top 100");
            assertEquals(e.getValue()[2].longValue(), ((Number) prescriptions).longValue(), "prescriptions of "
                    + e.getKey());
            assertEquals(e.getValue()[0].longValue(),
                    ((Number) q3.get("drugs.find { it.drugId == " + e.getKey() + " }.quantity")).longValue());
        }
        long cancelledOnly = records.drugs.get(2);
        assertNull(q3.get("drugs.find { it.drugId == " + cancelledOnly + " }"),
                "a drug only on a cancelled prescription is not listed");
    }
}
