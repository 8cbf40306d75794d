package org.mdms.records.bootstrap;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(AccountBootstrapTest.FirstInstall.class)
class AccountBootstrapTest {

    public static class FirstInstall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdms.bootstrap.admin-username", "first-admin",
                    "mdms.bootstrap.admin-password", "first-admin-secret",
                    "mdms.bootstrap.analyst-username", "feed-reader",
                    "mdms.bootstrap.analyst-password", "feed-reader-secret");
        }
    }

    @Test
    void theFirstAdminAndTheFeedAccountCanSignInAndDoTheirJobs() {
        String admin = TestUsers.login("first-admin", "first-admin-secret");
        given().auth().oauth2(admin).get("/api/v1/users/me").then().statusCode(200)
                .body("role", equalTo("ADMIN"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", TestUsers.unique("doc"), "password", "long-enough-1", "role", "DOCTOR",
                        "displayName", "新医生"))
                .post("/api/v1/users").then().statusCode(201);

        String feed = TestUsers.login("feed-reader", "feed-reader-secret");
        given().auth().oauth2(feed).get("/api/v1/changes").then().statusCode(200);
        given().auth().oauth2(feed).get("/api/v1/users").then().statusCode(403);
    }
}
