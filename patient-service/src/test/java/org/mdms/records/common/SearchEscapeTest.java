package org.mdms.records.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** '%' and '_' typed into a search are characters, not wildcards, in every prefix search. */
@QuarkusTest
class SearchEscapeTest {

    @Test
    void wildcardsMatchOnlyThemselves() {
        String admin = Clinic.admin();
        String tag = TestUsers.unique("esc").replace("-", "");
        Number hospital = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "H_" + tag, "name", "百分%医院" + tag))
                .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("hospitalId", hospital, "code", "D_" + tag, "name", "百分%科" + tag))
                .post("/api/v1/departments").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", "百分%患者" + tag, "gender", "MALE",
                        "birthDate", "1980-01-01"))
                .post("/api/v1/patients").then().statusCode(201);
        TestUsers.createUser("NURSE", "u_" + tag);
        TestUsers.createUser("NURSE", "ux" + tag); // an unescaped '_' would match this one too

        // a lone wildcard matches nobody (no name starts with '%' or '_')
        for (String path : new String[]{"/api/v1/hospitals", "/api/v1/departments", "/api/v1/staff",
                "/api/v1/users"}) {
            found("search", "%", path).statusCode(200)
                    .body("totalItems", equalTo(0));
            found("search", "_", path).statusCode(200)
                    .body("totalItems", equalTo(0));
        }
        found("name", "%", "/api/v1/patients").statusCode(200)
                .body("totalItems", equalTo(0));
        found("search", "_", "/api/v1/patients").statusCode(200)
                .body("totalItems", equalTo(0));

        // and the literal characters are found
        found("search", "百分%医院" + tag, "/api/v1/hospitals")
                .body("totalItems", equalTo(1));
        found("search", "H_" + tag, "/api/v1/hospitals")
                .body("totalItems", equalTo(1));
        found("search", "百分%科" + tag, "/api/v1/departments")
                .body("totalItems", equalTo(1));
        found("name", "百分%患者" + tag, "/api/v1/patients")
                .body("totalItems", equalTo(1));
        found("search", "u_" + tag, "/api/v1/users")
                .body("totalItems", equalTo(1));
    }

    /** RestAssured leaves a '%' alone (it takes it for an escape): encode the value ourselves. */
    private static io.restassured.response.ValidatableResponse found(String parameter, String value, String path) {
        return given().auth().oauth2(Clinic.admin()).urlEncodingEnabled(false)
                .queryParam(parameter, java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))
                .get(path).then().statusCode(200);
    }
}
