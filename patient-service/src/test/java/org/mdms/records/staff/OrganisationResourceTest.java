package org.mdms.records.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/** Hospitals, departments, users and staff: CRUD, search, paging, bad input and roles. */
@QuarkusTest
class OrganisationResourceTest {

    @Test
    void hospitalsAndDepartments() {
        String admin = TestUsers.adminToken();
        String code = TestUsers.unique("H");
        Number hospital = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "上海第一人民医院", "address", "上海市虹口区", "phone", "021-63240090"))
                .post("/api/v1/hospitals").then().statusCode(201).body("name", equalTo("上海第一人民医院"))
                .extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", code, "name", "重复"))
                .post("/api/v1/hospitals").then().statusCode(409).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("code", "bad code!", "name", "x"))
                .post("/api/v1/hospitals").then().statusCode(400).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(admin).queryParam("search", code).get("/api/v1/hospitals").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(hospital.intValue()));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "上海市第一人民医院")).put("/api/v1/hospitals/" + hospital)
                .then().statusCode(200).body("name", equalTo("上海市第一人民医院"));
        given().auth().oauth2(admin).get("/api/v1/hospitals/99999999").then().statusCode(404);

        Number department = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", "PED", "name", "儿科"))
                .post("/api/v1/departments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", "PED", "name", "儿科二"))
                .post("/api/v1/departments").then().statusCode(409).body("errors[0].field", equalTo("code"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", 88888888, "code", "ENT", "name", "耳鼻喉科"))
                .post("/api/v1/departments").then().statusCode(422).body("errors[0].field", equalTo("hospitalId"));
        given().auth().oauth2(admin).queryParam("hospitalId", hospital).queryParam("search", "儿")
                .get("/api/v1/departments").then().statusCode(200)
                .body("items.id", hasItem(department.intValue())).body("items[0].name", equalTo("儿科"));

        String doctor = TestUsers.staff("DOCTOR").token();
        given().auth().oauth2(doctor).get("/api/v1/departments/" + department).then().statusCode(200);
        given().auth().oauth2(doctor).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", "X1", "name", "x")).post("/api/v1/departments")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void usersAreManagedByAdminsOnly() {
        String admin = TestUsers.adminToken();
        String username = TestUsers.unique("nurse");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "long-enough-1", "role", "NURSE",
                        "displayName", "护士长"))
                .post("/api/v1/users").then().statusCode(201).body("role", equalTo("NURSE"))
                .body("passwordHash", equalTo(null)).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "long-enough-1", "role", "NURSE",
                        "displayName", "x"))
                .post("/api/v1/users").then().statusCode(409).body("errors[0].field", equalTo("username"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", "a b", "password", "short", "role", "GOD", "displayName", ""))
                .post("/api/v1/users").then().statusCode(400);
        String nurse = TestUsers.login(username, "long-enough-1");
        given().auth().oauth2(nurse).get("/api/v1/users/me").then().statusCode(200)
                .body("username", equalTo(username)).body("displayName", equalTo("护士长"));
        given().auth().oauth2(nurse).get("/api/v1/users").then().statusCode(403);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("password", "new-password-2")).put("/api/v1/users/" + id + "/password")
                .then().statusCode(204);
        TestUsers.login(username, "new-password-2");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "护士长", "enabled", false)).put("/api/v1/users/" + id)
                .then().statusCode(200).body("enabled", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "new-password-2"))
                .post("/api/v1/auth/login").then().statusCode(401);
        given().auth().oauth2(admin).queryParam("role", "NURSE").queryParam("search", username)
                .get("/api/v1/users").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void staffNeedAUserOfTheSameRoleAndADepartment() {
        String admin = TestUsers.adminToken();
        long department = TestUsers.departmentId();
        long pharmacistUser = TestUsers.createUser("PHARMACIST", TestUsers.unique("ph"));
        Map<String, Object> body = new HashMap<>(Map.of("userId", pharmacistUser, "departmentId", department,
                "staffNo", TestUsers.unique("S"), "name", "药师李", "kind", "DOCTOR"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/staff").then()
                .statusCode(422).body("errors[0].field", equalTo("kind"));
        body.put("kind", "PHARMACIST");
        body.put("departmentId", 77777777);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/staff").then()
                .statusCode(422).body("errors[0].field", equalTo("departmentId"));
        body.put("departmentId", department);
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/staff")
                .then().statusCode(201).body("kind", equalTo("PHARMACIST")).extract().path("id");
        body.put("staffNo", TestUsers.unique("S"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post("/api/v1/staff").then()
                .statusCode(409).body("errors[0].field", equalTo("userId"));
        given().auth().oauth2(admin).queryParam("kind", "PHARMACIST").queryParam("departmentId", department)
                .queryParam("search", "药师").get("/api/v1/staff").then().statusCode(200)
                .body("items.id", hasItem(id.intValue()));
        given().auth().oauth2(admin).queryParam("kind", "SURGEON").get("/api/v1/staff").then().statusCode(400);
    }
}
