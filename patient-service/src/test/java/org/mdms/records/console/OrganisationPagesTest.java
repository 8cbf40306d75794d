package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The admin's hospitals, departments and staff pages through HTTP: the API's rules, errors beside the fields. */
@QuarkusTest
class OrganisationPagesTest {

    /** As a browser posts a form: UTF-8, no charset parameter. */
    private static final RestAssuredConfig BROWSER_FORMS = RestAssuredConfig.config().encoderConfig(EncoderConfig
            .encoderConfig().defaultContentCharset("UTF-8").appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static String adminSession() {
        TestUsers.adminToken();
        return ConsoleSignIn.session("test-admin", TestUsers.PASSWORD);
    }

    private static Response post(String session, String path, Map<String, String> fields) {
        ConsoleSignIn.Form form = ConsoleSignIn.form();
        return given().config(BROWSER_FORMS).redirects().follow(false).cookie("mdms_session", session)
                .cookie("mdms_csrf", form.csrfCookie()).formParam("csrf", form.csrfField())
                .formParams(fields).post(path);
    }

    @Test
    void onlyAdminsManageTheOrganisation() {
        String doctor = ConsoleSignIn.session(Clinic.get().doctor.username(), TestUsers.PASSWORD);
        for (String path : List.of("/ui/admin/hospitals", "/ui/admin/departments", "/ui/admin/staff")) {
            given().redirects().follow(false).cookie("mdms_session", doctor).get(path).then().statusCode(403);
            post(doctor, path, Map.of("code", "X", "name", "x")).then().statusCode(403);
        }
    }

    @Test
    void hospitalsAreCreatedAndEditedWithTheApisRules() {
        String admin = adminSession();
        post(admin, "/ui/admin/hospitals", Map.of("code", "", "name", "", "phone", "call me")).then().statusCode(400)
                .body(containsString("id=\"h-code-error\""), containsString("id=\"h-name-error\""),
                        containsString("id=\"h-phone-error\""), containsString("格式不正确"));
        String code = TestUsers.unique("H").replace("-", "");
        post(admin, "/ui/admin/hospitals", Map.of("code", code, "name", "协和医院", "address", "", "phone", ""))
                .then().statusCode(303).header("Location", endsWith("/ui/admin/hospitals"));
        Number id = given().auth().oauth2(TestUsers.adminToken()).queryParam("search", code).get("/api/v1/hospitals")
                .then().body("items[0].name", equalTo("协和医院")).extract().path("items[0].id");
        given().cookie("mdms_session", admin).queryParam("q", code).get("/ui/admin/hospitals").then()
                .body(containsString(">" + code + "</a>"));
        given().cookie("mdms_session", admin).get("/ui/admin/hospitals/" + id).then().statusCode(200)
                .body(containsString("value=\"协和医院\""), containsString("action=\"/ui/admin/hospitals/" + id + "\""));
        post(admin, "/ui/admin/hospitals/" + id, Map.of("code", code, "name", "北京协和医院", "phone", "010-1234"))
                .then().statusCode(303);
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/hospitals/" + id).then()
                .body("name", equalTo("北京协和医院")).body("phone", equalTo("010-1234"));
        given().cookie("mdms_session", admin).get("/ui/admin/hospitals/999999999").then().statusCode(404);
    }

    @Test
    void departmentsNameTheirHospitalAndAnUnknownOneIsShownBesideTheField() {
        String admin = adminSession();
        String code = TestUsers.unique("D").replace("-", "");
        post(admin, "/ui/admin/departments", Map.of("hospitalId", "999999999", "code", code, "name", "眼科"))
                .then().statusCode(422).body(containsString("id=\"d-hospitalId-error\""),
                        containsString("引用的记录不存在或不匹配"), containsString("value=\"" + code + "\""));
        post(admin, "/ui/admin/departments", Map.of("hospitalId", "abc", "code", code, "name", "眼科"))
                .then().statusCode(400).body(containsString("id=\"d-hospitalId-error\""));
        Number hospital = given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/hospitals")
                .then().extract().path("items[0].id");
        post(admin, "/ui/admin/departments", Map.of("hospitalId", hospital.toString(), "code", code, "name", "眼科",
                "description", "门诊与病房")).then().statusCode(303);
        Number id = given().auth().oauth2(TestUsers.adminToken()).queryParam("search", code)
                .get("/api/v1/departments").then().body("items[0].description", equalTo("门诊与病房"))
                .extract().path("items[0].id");
        given().cookie("mdms_session", admin).get("/ui/admin/departments/" + id).then().statusCode(200)
                .body(containsString("<option value=\"" + hospital + "\" selected>"));
        post(admin, "/ui/admin/departments/" + id, Map.of("hospitalId", hospital.toString(), "code", code,
                "name", "眼耳鼻喉科")).then().statusCode(303);
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/departments/" + id).then()
                .body("name", equalTo("眼耳鼻喉科"));
    }

    @Test
    void staffMatchTheirAccountsRoleAndCanBeDeactivated() {
        String admin = adminSession();
        String username = TestUsers.unique("nurse");
        long userId = TestUsers.createUser("NURSE", username);
        String staffNo = TestUsers.unique("S").replace("-", "");
        Map<String, String> form = new HashMap<>(Map.of("userId", String.valueOf(userId),
                "departmentId", String.valueOf(TestUsers.departmentId()), "staffNo", staffNo, "name", "王护士",
                "kind", "DOCTOR", "active", "true"));
        post(admin, "/ui/admin/staff", form).then().statusCode(422)
                .body(containsString("id=\"s-kind-error\""), containsString("value=\"王护士\""));
        form.put("kind", "NURSE");
        post(admin, "/ui/admin/staff", form).then().statusCode(303).header("Location", endsWith("/ui/admin/staff"));
        Number id = given().auth().oauth2(TestUsers.adminToken()).queryParam("search", "王护士").get("/api/v1/staff")
                .then().body("items.staffNo", hasItem(staffNo)).extract().path("items.find { it.staffNo == '"
                        + staffNo + "' }.id");
        given().cookie("mdms_session", admin).get("/ui/admin/staff/" + id).then().statusCode(200)
                .body(containsString("value=\"" + staffNo + "\""), containsString("id=\"s-active\" name=\"active\" "
                        + "value=\"true\" checked"));
        form.remove("active"); // an unticked box is not sent
        post(admin, "/ui/admin/staff/" + id, form).then().statusCode(303);
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/staff/" + id).then().body("active", equalTo(false));
        form.put("userId", String.valueOf(TestUsers.createUser("NURSE", TestUsers.unique("nurse"))));
        post(admin, "/ui/admin/staff/" + id, form).then().statusCode(400)
                .body(containsString("id=\"s-userId-error\""));
    }
}
