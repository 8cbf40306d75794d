package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.local.testing.ConsoleBrowser;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinical flows in Debian's chromium (headless, one browser for the class): the doctor opens today's visits,
 * finds the patient, reads the chart (vital-sign charts drawn), records a vital sign, prescribes with the drug
 * search and sees the server's total; the pharmacist dispenses it; a nurse registers a patient past the field
 * errors; every new page fits a 375-px screen. Any browser console error fails; screenshots in target/screenshots/.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicalBrowserTest extends ConsoleBrowser {

    ClinicalBrowserTest() {
        super("clinical-");
    }

    private static long patientId;
    private static long visitId;
    private static long drugId;
    private static String drugName;
    private static long prescriptionId;

    /** The doctor's patient: a visit started a minute ago, two heart rates (one abnormal), an abnormal lab result. */
    private static synchronized void patientOfToday() {
        if (patientId != 0) {
            return;
        }
        Clinic clinic = Clinic.get();
        String name = "浏览器" + TestUsers.unique("患者").substring(3);
        long patient = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "MALE",
                        "birthDate", "1966-09-09", "allergies", "磺胺类"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        Map<String, Object> visit = Clinic.visitBody(patient, clinic.doctor.recordId(), clinic.departmentId);
        visit.put("startedAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        visitId = ((Number) given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(visit)
                .post("/api/v1/visits").then().statusCode(201).extract().path("id")).longValue();
        for (String[] reading : new String[][]{{"76", "50"}, {"118", "20"}, {"88", "5"}}) {
            given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON)
                    .body(Map.of("patientId", patient, "visitId", visitId, "type", "HEART_RATE",
                            "value", new BigDecimal(reading[0]), "measuredAt",
                            Instant.now().minus(Long.parseLong(reading[1]), ChronoUnit.MINUTES).toString()))
                    .post("/api/v1/vital-signs").then().statusCode(201);
        }
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visitId, "item", "白细胞计数", "result", "13.2", "unit", "10^9/L",
                        "referenceRange", "3.5-9.5", "abnormal", true, "performedAt", Instant.now().toString()))
                .post("/api/v1/examinations").then().statusCode(201);
        String code = TestUsers.unique("BRW");
        drugName = "浏览器测试片" + code.substring(4);
        Map<String, Object> drug = Clinic.drugBody(code, "7.35");
        drug.put("name", drugName);
        drugId = ((Number) given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(drug)
                .post("/api/v1/drugs").then().statusCode(201).extract().path("id")).longValue();
        patientId = patient;
    }

    @Test
    @Order(1)
    void aDoctorFindsThePatientOpensTheChartRecordsAVitalSignAndPrescribes() {
        patientOfToday();
        signIn(Clinic.get().doctor.username());
        browser.findElement(By.id("nav-today")).click();
        wait.until(ExpectedConditions.urlContains("/ui/visits/today"));
        shot("today");
        assertFalse(browser.findElements(By.cssSelector("a[href='/ui/visits/" + visitId + "']")).isEmpty(),
                "the visit of today is listed");

        browser.findElement(By.id("nav-patients")).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients"));
        String name = given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + patientId)
                .then().extract().path("name");
        browser.findElement(By.id("q")).sendKeys(name);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results a.patient-link"))).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients/" + patientId));
        wait.until(ExpectedConditions.attributeToBe(By.id("vital-chart-HEART_RATE"), "data-drawn", "true"));
        shot("chart");
        assertEquals("1", browser.findElement(By.cssSelector("#vital-chart-HEART_RATE .abnormal-count")).getText(),
                "one abnormal heart rate");
        Object drawn = script("var c = Chart.getChart(document.querySelector('#vital-chart-HEART_RATE canvas'));"
                + "return c ? c.data.datasets.length : 0");
        assertEquals(3L, ((Number) drawn).longValue(), "the normal band (two lines) and the readings");
        assertFalse(browser.findElements(By.cssSelector("#examination-list mark.abnormal")).isEmpty());

        browser.findElement(By.cssSelector("#visit-list a[href='/ui/visits/" + visitId + "']")).click();
        wait.until(ExpectedConditions.urlContains("/ui/visits/" + visitId));
        browser.findElement(By.cssSelector("#vital-form")).findElement(By.xpath("..")).findElement(By.tagName("summary"))
                .click();
        new Select(browser.findElement(By.id("vital-type"))).selectByValue("TEMPERATURE");
        browser.findElement(By.id("vital-value")).sendKeys("47");
        browser.findElement(By.id("vital-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vital-value-error"), "between"));
        shot("vital-error");
        onlyTheRefusal("/ui/visits/" + visitId + "/vital-signs");
        WebElement value = browser.findElement(By.id("vital-value"));
        assertEquals("true", value.getAttribute("aria-invalid"));
        value.clear();
        value.sendKeys("38.6");
        browser.findElement(By.id("vital-submit")).click();
        wait.until(ExpectedConditions.urlContains("#vital-signs"));
        assertTrue(browser.findElement(By.id("vital-list")).getText().contains("38.6"));
        shot("visit");

        browser.findElement(By.id("prescribe")).click();
        wait.until(ExpectedConditions.urlContains("/prescribe"));
        browser.findElement(By.id("drug-q")).sendKeys(drugName);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-drug-" + drugId))).click();
        WebElement line = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lines tr.line")));
        line.findElement(By.className("line-quantity")).sendKeys("3", Keys.TAB);
        wait.until(ExpectedConditions.textToBe(By.id("draft-total-amount"), "22.05"));
        // a second line added and removed again: htmx asks the server, which prices what is left
        browser.findElement(By.id("add-drug-" + drugId)).click();
        wait.until(d -> d.findElements(By.cssSelector("#lines tr.line")).size() == 2);
        shot("prescribe-two-lines");
        browser.findElement(By.id("remove-line-1")).click();
        wait.until(d -> d.findElements(By.cssSelector("#lines tr.line")).size() == 1);
        assertEquals("22.05", browser.findElement(By.id("draft-total-amount")).getText(), "3 x 7.35 by the server");
        line = browser.findElement(By.cssSelector("#lines tr.line"));
        assertEquals("3", line.findElement(By.className("line-quantity")).getAttribute("value"), "kept as typed");
        line.findElement(By.className("line-dosage")).sendKeys("每次1片");
        line.findElement(By.className("line-frequency")).sendKeys("每日3次");
        line.findElement(By.className("line-days")).sendKeys("0");
        shot("prescribe");
        browser.findElement(By.id("issue")).click();
        WebElement daysError = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#lines tr.line .line-days[aria-invalid='true'] + small.field-error")));
        assertEquals("must be greater than 0", daysError.getText());
        shot("prescribe-error");
        onlyTheRefusal("/ui/visits/" + visitId + "/prescriptions");
        WebElement days = browser.findElement(By.cssSelector("#lines tr.line .line-days"));
        days.clear();
        days.sendKeys("5");
        browser.findElement(By.id("issue")).click();
        wait.until(ExpectedConditions.urlContains("/ui/visits/" + visitId + "?issued="));
        String url = browser.getCurrentUrl();
        prescriptionId = Long.parseLong(url.replaceAll(".*issued=(\\d+).*", "$1"));
        String total = given().auth().oauth2(Clinic.get().doctor.token())
                .get("/api/v1/prescriptions/" + prescriptionId).then().statusCode(200).extract().path("totalAmount")
                .toString();
        assertEquals(0, new BigDecimal("22.05").compareTo(new BigDecimal(total)), "3 x 7.35 by the server");
        assertEquals("22.05", browser.findElement(By.id("rx-" + prescriptionId + "-total")).getText(),
                "the page shows the server's total");
        shot("prescribed");
        assertNoAlert();
    }

    @Test
    @Order(2)
    void thePharmacistDispensesThePrescription() {
        assertTrue(prescriptionId > 0, "the doctor's test issued one");
        signIn(Clinic.get().pharmacist.username());
        browser.findElement(By.id("nav-pharmacy")).click();
        wait.until(ExpectedConditions.urlContains("/ui/pharmacy"));
        WebElement waiting = browser.findElement(By.id("rx-" + prescriptionId));
        assertTrue(waiting.getText().contains(drugName), "items by drug name");
        shot("queue");
        browser.findElement(By.id("dispense-" + prescriptionId)).click();
        wait.until(ExpectedConditions.urlContains("dispensed=" + prescriptionId));
        shot("dispensed");
        assertTrue(browser.findElements(By.id("rx-" + prescriptionId)).isEmpty(), "gone from the queue");
        assertTrue(browser.findElement(By.id("pharmacy-notice")).getText().contains(String.valueOf(prescriptionId)));
        given().auth().oauth2(Clinic.get().pharmacist.token()).get("/api/v1/prescriptions/" + prescriptionId)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("DISPENSED"));
    }

    @Test
    @Order(3)
    void aNurseRegistersAPatientPastTheFieldErrorsAndTheNameStaysText() {
        signIn(Clinic.get().nurse.username());
        open("/ui/patients");
        browser.findElement(By.id("register-patient")).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients/new"));
        browser.findElement(By.id("p-mrn")).sendKeys("MRN 空格");
        browser.findElement(By.id("p-name")).sendKeys(ClinicalPagesTest.HOSTILE);
        script("document.getElementById('p-birth-date').value = '1991-04-05'");
        browser.findElement(By.id("p-email")).sendKeys("not-an-email");
        browser.findElement(By.id("patient-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("p-mrn-error"), "letters"));
        shot("register-errors");
        onlyTheRefusal("/ui/patients/new");
        assertTrue(browser.findElement(By.id("p-email-error")).getText().contains("email"));
        assertEquals(ClinicalPagesTest.HOSTILE, browser.findElement(By.id("p-name")).getAttribute("value"));
        WebElement mrn = browser.findElement(By.id("p-mrn"));
        mrn.clear();
        mrn.sendKeys(TestUsers.unique("MRN"));
        WebElement email = browser.findElement(By.id("p-email"));
        email.clear();
        browser.findElement(By.id("patient-save")).click();
        // the nurse does not treat the new patient yet: the console finds it in the search, as the API lists it
        WebElement found = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#results a.patient-link")));
        shot("registered");
        assertEquals(ClinicalPagesTest.HOSTILE, found.getText());
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty(), "never an element");
        assertNoAlert();
    }

    @Test
    @Order(4)
    void theNewPagesFitA375PixelScreen() {
        patientOfToday();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn(Clinic.get().doctor.username());
        open("/ui/visits/today");
        assertFitsWidth("today-375");
        open("/ui/visits/" + visitId);
        assertFitsWidth("visit-375");
        open("/ui/visits/" + visitId + "/prescribe");
        browser.findElement(By.id("drug-q")).sendKeys(drugName);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("add-drug-" + drugId))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#lines tr.line")));
        assertFitsWidth("prescribe-375");
        open("/ui/patients/" + patientId);
        wait.until(ExpectedConditions.attributeToBe(By.id("vital-chart-HEART_RATE"), "data-drawn", "true"));
        assertFitsWidth("chart-375");
        open("/ui/patients/new");
        assertFitsWidth("register-375");
        open("/ui/patients/" + patientId + "/visits/new");
        assertFitsWidth("open-visit-375");
        browser.manage().deleteAllCookies();
        signIn(Clinic.get().pharmacist.username());
        open("/ui/pharmacy");
        assertFitsWidth("pharmacy-375");
    }

    @Test
    @Order(5)
    void aDoctorOpensAVisitFromTheSearchWithTheKeyboardAndClosesIt() {
        String name = "开诊 " + TestUsers.unique("K");
        long patient = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "FEMALE",
                        "birthDate", "1990-01-02"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        signIn(Clinic.get().doctor.username());
        open("/ui/patients?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
        browser.findElement(By.cssSelector("a.open-visit-link[href='/ui/patients/" + patient + "/visits/new']"))
                .sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/visits/new"));
        shot("open-visit");
        browser.findElement(By.id("visit-complaint")).sendKeys("发热两天", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("visit-close-form")));
        assertEquals("进行中", browser.findElement(By.id("visit-status")).getText());
        WebElement summary = browser.findElement(By.id("visit-close-form")).findElement(By.xpath(".."))
                .findElement(By.tagName("summary"));
        summary.sendKeys(Keys.ENTER);
        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("close-diagnosis-code")));
        browser.findElement(By.id("close-diagnosis")).sendKeys("上呼吸道感染");
        code.sendKeys("J06.9", Keys.ENTER);
        wait.until(ExpectedConditions.textToBe(By.id("visit-status"), "已结束"));
        shot("visit-closed");
        assertTrue(browser.findElements(By.id("visit-close-form")).isEmpty(), "nothing left to close");
        given().auth().oauth2(Clinic.get().doctor.token()).get("/api/v1/visits?patientId=" + patient).then()
                .statusCode(200).body("items[0].status", org.hamcrest.Matchers.equalTo("CLOSED"))
                .body("items[0].diagnosisCode", org.hamcrest.Matchers.equalTo("J06.9"));
    }

    /** The browser reports the form's 400 answer (the page with the errors beside the fields) itself; that one only. */
    private static void onlyTheRefusal(String path) {
        List<LogEntry> errors = consoleErrors();
        assertFalse(errors.isEmpty(), "the refused form was answered 400");
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains(path + " - Failed to load resource")
                && e.getMessage().contains("status of 400")), "only the 400 of " + path + ": " + errors);
    }

    private static void signIn(String username) {
        signIn(username, TestUsers.PASSWORD);
    }
}
