package org.mdms.records.device;

import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The change feed as an analyst reads it, for the device tests: where it ends, and what came after a cursor. */
final class FeedReadings {

    private FeedReadings() {
    }

    /** The feed's last sequence number now. */
    static long lastSeq(String token) {
        long cursor = 0;
        while (true) {
            JsonPath page = page(token, cursor);
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return cursor;
            }
        }
    }

    /** Every event after {@code cursor}, in feed order (all pages). */
    static List<Map<String, Object>> eventsAfter(String token, long cursor) {
        List<Map<String, Object>> events = new ArrayList<>();
        while (true) {
            JsonPath page = page(token, cursor);
            events.addAll(page.getList("events"));
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return events;
            }
        }
    }

    /** The readings of a VITAL_SIGN_BATCH event (its payload's vitalSigns). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> vitalSigns(Map<String, Object> event) {
        return (List<Map<String, Object>>) ((Map<String, Object>) event.get("payload")).get("vitalSigns");
    }

    /** The readings of every VITAL_SIGN_BATCH event in {@code events}, in feed order. */
    static List<Map<String, Object>> batchedReadings(List<Map<String, Object>> events) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (Map<String, Object> event : events) {
            if ("VITAL_SIGN_BATCH".equals(event.get("entityType"))) {
                readings.addAll(vitalSigns(event));
            }
        }
        return readings;
    }

    static JsonPath page(String token, long after) {
        return given().auth().oauth2(token).queryParam("after", after).queryParam("limit", 1000)
                .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
    }
}
