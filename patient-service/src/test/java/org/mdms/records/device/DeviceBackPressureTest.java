package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** With no room for another batch, a device is told when to come back, and nothing of its batch is stored. */
@QuarkusTest
@TestProfile(DeviceBackPressureTest.NoRoom.class)
class DeviceBackPressureTest {

    public static class NoRoom implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdms.devices.ingest.max-in-flight", "0", "mdms.devices.ingest.retry-after", "PT7S");
        }
    }

    @Test
    void aBatchOverTheInFlightLimitIsAnswered429WithRetryAfter() {
        String admin = TestUsers.adminToken();
        long patient = TestUsers.patient().recordId();
        long device = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("MON"), "type", "BEDSIDE_MONITOR"))
                .post("/api/v1/devices").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("patientId", patient))
                .post("/api/v1/devices/" + device + "/assignments").then().statusCode(201);
        String authorization = given().auth().oauth2(admin).post("/api/v1/devices/" + device + "/credentials")
                .then().statusCode(200).extract().path("authorization");

        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", "HEART_RATE", "value", 70, "measuredAt", Instant.now().toString())))
                .post("/api/v1/devices/" + device + "/measurements").then().statusCode(429)
                .header("Retry-After", "7").contentType(containsString("application/problem+json"))
                .body("status", equalTo(429));
        given().auth().oauth2(admin).get("/api/v1/devices/" + device).then().statusCode(200)
                .body("lastSeenAt", nullValue());
    }
}
