package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.TestUsers.Account;
import org.mdms.records.visit.Clinic;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinical pages through HTTP as a browser uses them (session cookie, CSRF double submit, forms): today's
 * visits, examinations and vital signs, prescribing with the server's totals, cancelling, the dispensing queue,
 * registering and editing patients, each with the API's errors beside the fields and the API's rules.
 */
@QuarkusTest
class ClinicalPagesTest {

    /** As ConsoleFilter makes them: 43 characters (a shorter cookie is replaced by a fresh token). */
    private static final String CSRF = "clinical-pages-test-csrf-token-0123456789ab";
    /** mdms.console.clinical.zone's default: the zone forms are typed in. */
    private static final ZoneId HOSPITAL = ZoneId.of("Asia/Shanghai");
    /** Not ConsolePagesTest's name: its tests search for theirs by prefix and expect to find only it. */
    static final String HOSTILE = "<svg onload=alert(2)>";
    static final String ESCAPED_HOSTILE = "&lt;svg onload=alert(2)&gt;";

    /** A browser of the signed-in account: the session cookie is the access token, the CSRF cookie and field match. */
    private static RequestSpecification as(Account account) {
        return given().redirects().follow(false).cookie("mdms_session", account.token()).cookie("mdms_csrf", CSRF);
    }

    private static Response post(Account account, String path, Map<String, ?> form) {
        Map<String, Object> fields = new HashMap<>(form);
        fields.put("csrf", CSRF);
        return as(account).contentType(ContentType.URLENC.withCharset("UTF-8")).formParams(fields).post(path);
    }

    private static String typedNow() {
        return LocalDateTime.now(HOSPITAL).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** A new patient of the clinic's doctor with a visit started a minute ago (today in any zone but at midnight). */
    private static long[] patientWithVisitToday(String name) {
        Clinic clinic = Clinic.get();
        Map<String, Object> body = Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "FEMALE",
                "birthDate", "1975-06-01", "allergies", "青霉素过敏");
        long patient = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        Map<String, Object> visit = Clinic.visitBody(patient, clinic.doctor.recordId(), clinic.departmentId);
        visit.put("startedAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        long visitId = ((Number) given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(visit).post("/api/v1/visits").then().statusCode(201).extract().path("id")).longValue();
        return new long[]{patient, visitId};
    }

    private static String fieldError(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "-error\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&") : null;
    }

    @Test
    void aDoctorsVisitsOfTodayListOnlyTheirOwn() {
        Clinic clinic = Clinic.get();
        long[] mine = patientWithVisitToday("今日 患者");
        Map<String, Object> other = Clinic.visitBody(mine[0], clinic.otherDoctor.recordId(), clinic.departmentId);
        other.put("startedAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        long othersVisit = ((Number) given().auth().oauth2(clinic.otherDoctor.token()).contentType(ContentType.JSON)
                .body(other).post("/api/v1/visits").then().statusCode(201).extract().path("id")).longValue();

        String page = as(clinic.doctor).get("/ui/visits/today").then().statusCode(200).extract().asString();
        assertTrue(page.contains("href=\"/ui/visits/" + mine[1] + "\""), "their visit of today is listed");
        assertTrue(page.contains("今日 患者"), "with the patient's name");
        assertFalse(page.contains("href=\"/ui/visits/" + othersVisit + "\""), "not another doctor's");
        assertTrue(as(clinic.doctor).get("/ui/home").asString().contains("href=\"/ui/visits/today\""),
                "linked from the doctor's home and navigation");

        as(clinic.nurse).get("/ui/visits/today").then().statusCode(403);
        as(clinic.pharmacist).get("/ui/visits/" + mine[1]).then().statusCode(403);
    }

    @Test
    void anExaminationIsRecordedWithItsAbnormalFlagAndBadInputIsShownBesideTheField() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("检查 患者");
        String path = "/ui/visits/" + pv[1] + "/examinations";

        Response blank = post(clinic.doctor, path, Map.of("item", " ", "result", "168", "performedAt", typedNow()));
        blank.then().statusCode(400).contentType(containsString("text/html"));
        assertEquals("must not be blank", fieldError(blank.asString(), "exam-item"));
        assertTrue(blank.asString().contains("value=\"168\""), "what was typed is kept");
        Response future = post(clinic.doctor, path, Map.of("item", "血红蛋白", "result", "168",
                "performedAt", LocalDateTime.now(HOSPITAL).plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString()));
        future.then().statusCode(400);
        assertEquals("performedAt must not be in the future", fieldError(future.asString(), "exam-performed-at"));
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/examinations?visitId=" + pv[1]).then()
                .body("totalItems", equalTo(0));

        post(clinic.doctor, path, Map.of("item", "血红蛋白", "result", "188", "unit", "g/L",
                "referenceRange", "115-150", "abnormal", "true", "performedAt", typedNow()))
                .then().statusCode(303).header("Location", containsString("/ui/visits/" + pv[1]));
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/examinations?visitId=" + pv[1]).then()
                .body("totalItems", equalTo(1)).body("items[0].abnormal", equalTo(true))
                .body("items[0].item", equalTo("血红蛋白"));
        String visit = as(clinic.doctor).get("/ui/visits/" + pv[1]).then().statusCode(200).extract().asString();
        assertTrue(visit.contains("<mark class=\"abnormal\">"), "the abnormal flag is shown");
        String chart = as(clinic.doctor).get("/ui/patients/" + pv[0]).asString();
        assertTrue(chart.contains("id=\"examination-list\"") && chart.contains("<mark class=\"abnormal\">"));
    }

    @Test
    void aVitalSignIsRecordedFlaggedAndChartedWithTheNormalBand() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("体征 患者");
        String path = "/ui/visits/" + pv[1] + "/vital-signs";

        Response implausible = post(clinic.nurse, path, Map.of("patientId", pv[0], "type", "HEART_RATE",
                "value", "500", "measuredAt", typedNow()));
        implausible.then().statusCode(400);
        assertEquals("HEART_RATE must be between 20 and 300 /min", fieldError(implausible.asString(), "vital-value"));
        Response notANumber = post(clinic.nurse, path, Map.of("patientId", pv[0], "type", "HEART_RATE",
                "value", "fast", "measuredAt", typedNow()));
        notANumber.then().statusCode(400);
        assertEquals("must be a number", fieldError(notANumber.asString(), "vital-value"));
        Response noType = post(clinic.nurse, path, Map.of("patientId", pv[0], "type", "", "value", "80",
                "measuredAt", typedNow()));
        assertEquals("must not be null", fieldError(noType.asString(), "vital-type"));

        post(clinic.nurse, path, Map.of("patientId", pv[0], "type", "HEART_RATE", "value", "72",
                "measuredAt", LocalDateTime.now(HOSPITAL).minusMinutes(30).truncatedTo(ChronoUnit.MINUTES).toString()))
                .then().statusCode(303);
        post(clinic.nurse, path, Map.of("patientId", pv[0], "type", "HEART_RATE", "value", "128",
                "measuredAt", typedNow())).then().statusCode(303);
        JsonPath stored = given().auth().oauth2(clinic.doctor.token())
                .get("/api/v1/vital-signs?patientId=" + pv[0] + "&sort=measuredAt").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(false, true), stored.getList("items.abnormal"), "128/min is flagged by the server");
        assertEquals(List.of(pv[1], pv[1]), stored.getList("items.visitId", Long.class), "on this visit");

        String chart = as(clinic.doctor).get("/ui/patients/" + pv[0]).then().statusCode(200).extract().asString();
        assertTrue(chart.contains("id=\"vital-chart-HEART_RATE\""), "a chart per type");
        assertTrue(chart.contains("data-normal-min=\"60\" data-normal-max=\"100\""), "DESIGN's normal band");
        assertTrue(Pattern.compile("data-value=\"128(\\.0+)?\" data-secondary=\"\" data-abnormal=\"true\"")
                .matcher(chart).find(), "the abnormal point is marked");
        assertTrue(Pattern.compile("data-value=\"72(\\.0+)?\" data-secondary=\"\" data-abnormal=\"false\"")
                .matcher(chart).find(), "the normal one is not");
        assertTrue(chart.contains("src=\"/ui/assets/vital-charts.js?v="), "drawn by a static script, not inline");
        assertFalse(chart.contains("<script>"), "no inline script");
        given().get("/ui/assets/vital-charts.js").then().statusCode(200);
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200);
    }

    @Test
    void aLineRemovedFromAPrescriptionBeingWrittenLeavesTheOthersAndTheServersTotal() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("草稿 患者");
        long first = Clinic.addDrug("12.35");
        long second = Clinic.addDrug("99.99");
        long third = Clinic.addDrug("0.50");
        String path = "/ui/visits/" + pv[1] + "/prescription-draft";
        Map<String, Object> draft = new HashMap<>();
        draft.put("drugId", List.of(first, second, third));
        draft.put("quantity", List.of("3", "1", "4"));
        draft.put("dosage", List.of("每次1粒", "每次2粒", "每次3粒"));
        draft.put("frequency", List.of("每日3次", "每日2次", "每日1次"));
        draft.put("days", List.of("7", "5", "4"));
        draft.put("note", "饭后");

        String whole = post(clinic.doctor, path, draft).then().statusCode(200).extract().asString();
        assertEquals("139.04", draftTotal(whole), "3 x 12.35 + 1 x 99.99 + 4 x 0.50, priced by the server");

        draft.put("remove", "1");
        draft.put("totalAmount", "0.01"); // not a field of the form
        String removed = post(clinic.doctor, path, draft).then().statusCode(200).extract().asString();
        assertEquals("39.05", draftTotal(removed), "the second line no longer counts");
        assertFalse(removed.contains("name=\"drugId\" value=\"" + second + "\""), "the second line is gone");
        int firstLine = removed.indexOf("name=\"drugId\" value=\"" + first + "\"");
        int thirdLine = removed.indexOf("name=\"drugId\" value=\"" + third + "\"");
        assertTrue(firstLine > 0 && firstLine < thirdLine, "the others stay in their order");
        assertTrue(removed.contains("value=\"每次3粒\"") && !removed.contains("value=\"每次2粒\""),
                "each line keeps what was typed in it");
        assertTrue(removed.contains("id=\"remove-line-1\" name=\"remove\" value=\"1\""),
                "the third line is now the second");
        assertTrue(removed.contains("value=\"饭后\""), "the note is kept");

        draft.put("remove", "7"); // names no line: nothing removed
        draft.put("quantity", List.of("3", "1", "x"));
        String unread = post(clinic.doctor, path, draft).then().statusCode(200).extract().asString();
        assertEquals("137.04", draftTotal(unread), "3 x 12.35 + 1 x 99.99: an unread quantity counts nothing");
        assertFalse(unread.contains("aria-invalid=\"true\""), "and is not an error while writing");

        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/prescriptions?visitId=" + pv[1]).then()
                .statusCode(200).body("totalItems", equalTo(0));
        as(clinic.doctor).contentType(ContentType.URLENC).formParams(Map.of("remove", "0")).post(path).then()
                .statusCode(403);
        post(clinic.nurse, path, draft).then().statusCode(403);
        String form = as(clinic.doctor).get("/ui/visits/" + pv[1] + "/prescribe").then().statusCode(200)
                .extract().asString();
        assertTrue(form.contains("id=\"draft\" hx-post=\"" + path + "\""), "htmx asks the server again");
    }

    private static String draftTotal(String html) {
        Matcher m = Pattern.compile("id=\"draft-total-amount\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aDoctorOpensAVisitForAPatientAndItIsClosedWithTheApisRules() {
        Clinic clinic = Clinic.get();
        Map<String, Object> body = Map.of("mrn", TestUsers.unique("MRN"), "name", "新诊 患者", "gender", "MALE",
                "birthDate", "1980-02-03");
        long patient = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        String search = as(clinic.doctor).queryParam("q", "新诊 患者").get("/ui/patients").then().statusCode(200)
                .extract().asString();
        assertTrue(search.contains("href=\"/ui/patients/" + patient + "/visits/new\""),
                "a doctor opens a visit from the search, before they treat the patient");

        String form = as(clinic.doctor).get("/ui/patients/" + patient + "/visits/new").then().statusCode(200)
                .extract().asString();
        assertTrue(form.contains("新诊 患者") && form.contains("action=\"/ui/patients/" + patient + "/visits\""));
        assertTrue(form.contains("value=\"" + clinic.departmentId + "\" selected"), "the doctor's department");
        as(clinic.nurse).get("/ui/patients/" + patient + "/visits/new").then().statusCode(403);
        as(clinic.doctor).get("/ui/patients/999999999/visits/new").then().statusCode(404);

        String path = "/ui/patients/" + patient + "/visits";
        Map<String, Object> bad = new HashMap<>();
        bad.put("type", "");
        bad.put("departmentId", String.valueOf(clinic.departmentId));
        bad.put("startedAt", LocalDateTime.now(HOSPITAL).plusDays(2).truncatedTo(ChronoUnit.MINUTES).toString());
        bad.put("chiefComplaint", "头痛 " + HOSTILE);
        Response refused = post(clinic.doctor, path, bad);
        refused.then().statusCode(400);
        assertEquals("must not be null", fieldError(refused.asString(), "visit-type"));
        assertTrue(refused.asString().contains("value=\"头痛 " + ESCAPED_HOSTILE + "\""), "kept, escaped");
        bad.put("type", "OUTPATIENT");
        Response future = post(clinic.doctor, path, bad);
        future.then().statusCode(400);
        assertTrue(fieldError(future.asString(), "visit-started-at").contains("future"), future.asString());
        bad.put("startedAt", typedNow());
        bad.put("departmentId", "999999999");
        Response unknown = post(clinic.doctor, path, bad);
        unknown.then().statusCode(422);
        assertTrue(fieldError(unknown.asString(), "visit-department").length() > 0, "beside the department");
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/visits?patientId=" + patient).then()
                .statusCode(403); // nothing stored: the doctor does not treat the patient yet

        bad.put("departmentId", String.valueOf(clinic.departmentId));
        Response opened = post(clinic.doctor, path, bad);
        opened.then().statusCode(303).header("Location", containsString("/ui/visits/"));
        String location = opened.header("Location");
        long visit = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/visits/" + visit).then().statusCode(200)
                .body("patientId", equalTo((int) patient)).body("doctorId", equalTo(clinic.doctor.recordId().intValue()))
                .body("status", equalTo("OPEN")).body("type", equalTo("OUTPATIENT"))
                .body("chiefComplaint", equalTo("头痛 " + HOSTILE));
        post(clinic.doctor, path, Map.of("type", "OUTPATIENT")).then().statusCode(400); // no time: refused
        as(clinic.doctor).contentType(ContentType.URLENC).formParams(bad).post(path).then().statusCode(403);

        // closing: the API's ICD-10 rule beside the field, then CLOSED, then 409 for a second close
        String page = as(clinic.doctor).get("/ui/visits/" + visit).then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"visit-close-form\""), "an OPEN visit can be closed");
        String close = "/ui/visits/" + visit + "/close";
        Response badCode = post(clinic.doctor, close, Map.of("diagnosis", "偏头痛", "diagnosisCode", "not icd"));
        badCode.then().statusCode(400);
        assertTrue(fieldError(badCode.asString(), "close-diagnosis-code").length() > 0, badCode.asString());
        post(clinic.pharmacist, close, Map.of()).then().statusCode(403);
        post(clinic.technician, close, Map.of()).then().statusCode(403);
        post(clinic.doctor, close, Map.of("diagnosis", "偏头痛", "diagnosisCode", "G43.9")).then().statusCode(303)
                .header("Location", containsString("/ui/visits/" + visit));
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/visits/" + visit).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("diagnosisCode", equalTo("G43.9"))
                .body("endedAt", org.hamcrest.Matchers.notNullValue());
        String closed = as(clinic.doctor).get("/ui/visits/" + visit).then().statusCode(200).extract().asString();
        assertFalse(closed.contains("id=\"visit-close-form\""), "a closed visit offers no close");
        assertFalse(closed.contains("id=\"prescribe\""), "nor prescribing");
        Response again = post(clinic.doctor, close, Map.of());
        again.then().statusCode(409);
        assertTrue(again.asString().contains("id=\"visit-close-problem\""), "the 409 on the form: " + again.asString());
    }

    @Test
    void aDoctorPrescribesWithTheServersTotalsAndSeesTheApisErrorsBesideTheFields() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("处方 患者");
        String code = TestUsers.unique("RXT");
        Map<String, Object> drugBody = Clinic.drugBody(code, "12.35");
        drugBody.put("name", "处方测试胶囊" + code);
        long drug = ((Number) given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(drugBody)
                .post("/api/v1/drugs").then().statusCode(201).extract().path("id")).longValue();
        long cheap = Clinic.addDrug("0.50");

        String search = as(clinic.doctor).header("HX-Request", "true").queryParam("q", "处方测试胶囊" + code)
                .get("/ui/drugs").then().statusCode(200).extract().asString();
        assertFalse(search.contains("<html"), "htmx gets only the list");
        assertFalse(search.contains("add-drug-" + drug), "no visit named: nothing to add the drug to");
        String forVisit = as(clinic.doctor).header("HX-Request", "true").queryParam("q", "处方测试胶囊" + code)
                .queryParam("visitId", pv[1]).get("/ui/drugs").then().statusCode(200).extract().asString();
        assertTrue(forVisit.contains("hx-post=\"/ui/visits/" + pv[1] + "/prescription-draft\"")
                && forVisit.contains("name=\"add\" value=\"" + drug + "\""), "the drug can be added: " + forVisit);
        String line = post(clinic.doctor, "/ui/visits/" + pv[1] + "/prescription-draft", Map.of("add", drug))
                .then().statusCode(200).extract().asString();
        assertTrue(line.contains("name=\"drugId\" value=\"" + drug + "\""), "the line is added");
        as(clinic.nurse).queryParam("q", "处方").get("/ui/drugs").then().statusCode(403);

        String path = "/ui/visits/" + pv[1] + "/prescriptions";
        Map<String, Object> bad = new HashMap<>();
        bad.put("drugId", List.of(drug, cheap));
        bad.put("quantity", List.of("3", "0"));
        bad.put("dosage", List.of("每次1粒", ""));
        bad.put("frequency", List.of("每日3次", "每日1次"));
        bad.put("days", List.of("7", "400"));
        Response refused = post(clinic.doctor, path, bad);
        refused.then().statusCode(400);
        String html = refused.asString();
        assertTrue(html.contains("aria-label=\"数量\" value=\"0\" aria-invalid=\"true\""),
                "the second line's quantity is marked: " + html);
        assertTrue(html.contains("must be greater than 0"), "with the API's message");
        assertTrue(html.contains("must be less than or equal to 365"));
        assertTrue(html.contains("must not be blank"));
        assertTrue(html.contains("value=\"每次1粒\""), "the first line is kept as typed");
        Response empty = post(clinic.doctor, path, Map.of("note", "无药"));
        empty.then().statusCode(400);
        assertTrue(empty.asString().contains("id=\"items-error\">must not be empty"));

        Map<String, Object> good = new HashMap<>(bad);
        good.put("quantity", List.of("3", "4"));
        good.put("dosage", List.of("每次1粒", "每次2粒"));
        good.put("days", List.of("7", "4"));
        good.put("totalAmount", "0.01"); // not a field of the form: the server computes the total
        good.put("note", "饭后服用 <b>");
        Response issued = post(clinic.doctor, path, good);
        issued.then().statusCode(303).header("Location", containsString("/ui/visits/" + pv[1]));
        JsonPath rx = given().auth().oauth2(clinic.doctor.token()).get("/api/v1/prescriptions?visitId=" + pv[1])
                .then().statusCode(200).body("totalItems", equalTo(1)).extract().jsonPath();
        long id = rx.getLong("items[0].id");
        assertEquals(new BigDecimal("39.05"), new BigDecimal(rx.getString("items[0].totalAmount")),
                "3 x 12.35 + 4 x 0.50");
        String visit = as(clinic.doctor).get("/ui/visits/" + pv[1]).then().statusCode(200).extract().asString();
        assertTrue(visit.contains("id=\"rx-" + id + "-total\">39.05<"), "the server's total is shown");
        assertTrue(visit.contains("处方测试胶囊" + code), "items by drug name");
        assertTrue(visit.contains("饭后服用 &lt;b&gt;"), "typed text is escaped");

        // cancelling: a reason is required, only the prescribing doctor (or an admin) may
        Response noReason = post(clinic.doctor, "/ui/prescriptions/" + id + "/cancel", Map.of("reason", ""));
        noReason.then().statusCode(400);
        assertEquals("must not be blank", fieldError(noReason.asString(), "reason-" + id));
        post(clinic.otherDoctor, "/ui/prescriptions/" + id + "/cancel", Map.of("reason", "不是我开的"))
                .then().statusCode(403).body(containsString("您无权执行此操作或查看此内容")); // the Chinese page's words
        post(clinic.doctor, "/ui/prescriptions/" + id + "/cancel", Map.of("reason", "患者过敏"))
                .then().statusCode(303);
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/prescriptions/" + id).then()
                .body("status", equalTo("CANCELLED")).body("cancelReason", equalTo("患者过敏"));
        post(clinic.doctor, "/ui/prescriptions/" + id + "/cancel", Map.of("reason", "再次"))
                .then().statusCode(409);
    }

    @Test
    void thePharmacistDispensesFromTheQueueWithTheApisRules() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("发药 患者");
        long drug = Clinic.addDrug("2.00");
        Map<String, Object> body = Map.of("visitId", pv[1], "items", List.of(Map.of("drugId", drug, "quantity", 5,
                "dosage", "每次1片", "frequency", "每日2次", "days", 3)));
        long id = ((Number) given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/prescriptions").then().statusCode(201).extract().path("id")).longValue();

        String queue = as(clinic.pharmacist).get("/ui/pharmacy").then().statusCode(200).extract().asString();
        assertTrue(queue.contains("id=\"rx-" + id + "\""), "the new prescription waits in the queue");
        assertTrue(queue.contains("发药 患者"), "with the patient's name");
        assertTrue(queue.contains("id=\"rx-" + id + "-total\">10.00<"));
        assertFalse(queue.contains("/ui/prescriptions/" + id + "/cancel"), "pharmacists do not cancel (API rule)");
        as(clinic.doctor).get("/ui/pharmacy").then().statusCode(403);
        post(clinic.doctor, "/ui/prescriptions/" + id + "/dispense", Map.of()).then().statusCode(403);

        post(clinic.pharmacist, "/ui/prescriptions/" + id + "/dispense", Map.of()).then().statusCode(303)
                .header("Location", containsString("/ui/pharmacy?dispensed=" + id));
        given().auth().oauth2(clinic.pharmacist.token()).get("/api/v1/prescriptions/" + id).then()
                .body("status", equalTo("DISPENSED")).body("pharmacistId", equalTo(clinic.pharmacist.recordId().intValue()));
        assertFalse(as(clinic.pharmacist).get("/ui/pharmacy").asString().contains("id=\"rx-" + id + "\""),
                "gone from the queue");
        post(clinic.pharmacist, "/ui/prescriptions/" + id + "/dispense", Map.of()).then().statusCode(409);
    }

    @Test
    void everyClinicalFormRefusesARequestWithoutTheBrowsersCsrfToken() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("跨站 患者");
        for (String path : List.of("/ui/visits/" + pv[1] + "/examinations", "/ui/visits/" + pv[1] + "/vital-signs",
                "/ui/visits/" + pv[1] + "/prescriptions", "/ui/prescriptions/1/cancel", "/ui/patients/new",
                "/ui/patients/" + pv[0] + "/edit")) {
            as(clinic.doctor).contentType(ContentType.URLENC).formParam("csrf", "another-sites-token")
                    .formParam("item", "x").post(path).then().statusCode(403).contentType(containsString("text/html"));
        }
        as(clinic.pharmacist).contentType(ContentType.URLENC).post("/ui/prescriptions/1/dispense").then()
                .statusCode(403);
        given().auth().oauth2(clinic.doctor.token()).get("/api/v1/examinations?visitId=" + pv[1]).then()
                .body("totalItems", equalTo(0));
    }

    @Test
    void patientsAreRegisteredAndEditedWithTheApisErrorsBesideTheFields() {
        Clinic clinic = Clinic.get();
        as(clinic.nurse).get("/ui/patients/new").then().statusCode(200).body(containsString("id=\"patient-form\""));
        as(clinic.technician).get("/ui/patients/new").then().statusCode(403);
        as(clinic.pharmacist).get("/ui/patients").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("/ui/patients/new")));

        String hostile = HOSTILE;
        Map<String, Object> bad = new HashMap<>(Map.of("mrn", "MRN 1", "name", hostile, "gender", "FEMALE",
                "birthDate", "2999-01-01", "email", "not-an-email", "phone", "abc"));
        Response refused = post(clinic.nurse, "/ui/patients/new", bad);
        refused.then().statusCode(400);
        String html = refused.asString();
        assertEquals("letters, digits and '-' only", fieldError(html, "p-mrn"));
        assertEquals("must be a past date", fieldError(html, "p-birth-date"));
        assertEquals("must be a well-formed email address", fieldError(html, "p-email"));
        assertEquals("digits, '+', '-' and spaces only", fieldError(html, "p-phone"));
        assertTrue(html.contains("value=\"" + ESCAPED_HOSTILE + "\""), "typed text comes back escaped");
        assertFalse(html.contains(hostile));

        String mrn = TestUsers.unique("MRN");
        Map<String, Object> good = new HashMap<>(Map.of("mrn", mrn, "name", hostile, "gender", "FEMALE",
                "birthDate", "1988-02-03", "phone", "13900001111", "bloodType", "O+"));
        Response created = post(clinic.nurse, "/ui/patients/new", good);
        // the nurse does not treat the new patient yet (no chart): the search finds it, as the API lists it
        created.then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/ui/patients?q=" + mrn));
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients?mrn=" + mrn).then()
                .body("totalItems", equalTo(1)).body("items[0].name", equalTo(hostile))
                .body("items[0].bloodType", equalTo("O+"));
        String found = as(clinic.nurse).get("/ui/patients?q=" + mrn).then().statusCode(200).extract().asString();
        assertTrue(found.contains(ESCAPED_HOSTILE) && !found.contains(hostile));
        Response duplicate = post(clinic.doctor, "/ui/patients/new", good);
        duplicate.then().statusCode(409);
        assertTrue(fieldError(duplicate.asString(), "p-mrn").contains("already"), duplicate.asString());

        // editing: the admin sees the FULL record; the patient's sign-in account stays linked
        Account linked = TestUsers.patient();
        Account admin = new Account(0, null, "test-admin", TestUsers.adminToken());
        String form = as(admin).get("/ui/patients/" + linked.recordId() + "/edit").then().statusCode(200)
                .extract().asString();
        assertTrue(form.contains("value=\"张三\""));
        Map<String, Object> edited = new HashMap<>(Map.of("mrn", "MRN-EDIT-" + linked.recordId(), "name", "张三丰",
                "gender", "MALE", "birthDate", "1980-01-01", "allergies", "花粉"));
        Response badEdit = post(admin, "/ui/patients/" + linked.recordId() + "/edit",
                Map.of("mrn", "", "name", "张三丰", "gender", "ROBOT", "birthDate", "01/01/1980"));
        badEdit.then().statusCode(400);
        assertEquals("must not be blank", fieldError(badEdit.asString(), "p-mrn"));
        assertEquals("not one of the choices: ROBOT", fieldError(badEdit.asString(), "p-gender"));
        assertEquals("must be a date as yyyy-MM-dd", fieldError(badEdit.asString(), "p-birth-date"));
        post(admin, "/ui/patients/" + linked.recordId() + "/edit", edited).then().statusCode(303)
                .header("Location", containsString("/ui/patients/" + linked.recordId()));
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + linked.recordId()).then()
                .body("name", equalTo("张三丰")).body("allergies", equalTo("花粉"))
                .body("userId", equalTo((int) linked.userId()));
        // a doctor who does not treat the patient gets the API's answer, not a form
        as(clinic.otherDoctor).get("/ui/patients/" + linked.recordId() + "/edit").then().statusCode(403);
    }

    @Test
    void theChartShowsTheVisitsTimelineAndPrescriptionsWithItemsAndStatusInEnglishToo() {
        Clinic clinic = Clinic.get();
        long[] pv = patientWithVisitToday("病历 患者");
        long drug = Clinic.addDrug("3.30");
        given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", pv[1], "items", List.of(Map.of("drugId", drug, "quantity", 2,
                        "dosage", "每次1粒", "frequency", "每日3次", "days", 5))))
                .post("/api/v1/prescriptions").then().statusCode(201);
        String zh = as(clinic.doctor).get("/ui/patients/" + pv[0]).then().statusCode(200).extract().asString();
        assertTrue(zh.contains("<ol class=\"timeline\" id=\"visit-list\">"));
        assertTrue(zh.contains("href=\"/ui/visits/" + pv[1] + "\""), "each visit opens its page");
        assertTrue(zh.contains("待发药") && zh.contains("6.60") && zh.contains("阿莫西林胶囊"));
        String en = as(clinic.doctor).queryParam("lang", "en").get("/ui/patients/" + pv[0]).then().statusCode(200)
                .extract().asString();
        assertTrue(en.contains(">Issued<") && en.contains("Vital signs") && en.contains("Examinations"));
        // the pharmacist's chart shows prescriptions, but no examinations or vital signs (the API's roles)
        String pharmacist = as(clinic.pharmacist).get("/ui/patients/" + pv[0]).then().statusCode(200).extract()
                .asString();
        assertTrue(pharmacist.contains("6.60"), "the prescription they dispense");
        assertFalse(pharmacist.contains("id=\"examination-list\"") || pharmacist.contains("vital-chart-"));
        assertTrue(pharmacist.contains("您的角色在此不显示这部分内容"), "the sections are named as hidden");
    }
}
