package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.mdms.records.device.FeedReadings.vitalSigns;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.records.device.DeviceApi.DEVICES;
import static org.mdms.records.device.DeviceApi.assign;
import static org.mdms.records.device.DeviceApi.credential;
import static org.mdms.records.device.DeviceApi.reading;
import static org.mdms.records.device.DeviceApi.monitor;
import static org.mdms.records.device.DeviceApi.register;
import static org.mdms.records.device.DeviceApi.send;

@QuarkusTest
class DeviceIngestTest {

    @Test
    void devicesAreRegisteredOncePerSerialAndStaffOnlyRead() {
        String serial = TestUsers.unique("MON");
        long id = register(serial);
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "type", "PULSE_OXIMETER"))
                .post(DEVICES).then().statusCode(409).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("serialNumber"));
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("MON"), "type", "X", "status", "BROKEN"))
                .post(DEVICES).then().statusCode(400).contentType(containsString("application/problem+json"));
        String nurse = TestUsers.staff("NURSE").token();
        given().auth().oauth2(nurse).queryParam("search", serial).get(DEVICES).then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo((int) id))
                .body("items[0].status", equalTo("ACTIVE"));
        given().auth().oauth2(nurse).queryParam("sort", "colour").get(DEVICES).then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(nurse).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("MON"), "type", "X")).post(DEVICES)
                .then().statusCode(403);
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "type", "BEDSIDE_MONITOR", "status", "MAINTENANCE"))
                .put(DEVICES + "/" + id).then().statusCode(200).body("status", equalTo("MAINTENANCE"));
    }

    @Test
    void oneOpenAssignmentPerDeviceWithItsHistory() {
        long device = register(TestUsers.unique("MON"));
        long first = TestUsers.patient().recordId();
        long second = TestUsers.patient().recordId();
        assign(device, first, Instant.now().minus(2, ChronoUnit.HOURS));
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", second)).post(DEVICES + "/" + device + "/assignments")
                .then().statusCode(409);
        given().auth().oauth2(TestUsers.adminToken()).post(DEVICES + "/" + device + "/assignments/end")
                .then().statusCode(200).body("patientId", equalTo((int) first));
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", 999_999_999)).post(DEVICES + "/" + device + "/assignments")
                .then().statusCode(422).body("errors[0].field", equalTo("patientId"));
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", second)).post(DEVICES + "/" + device + "/assignments")
                .then().statusCode(201);
        given().auth().oauth2(TestUsers.staff("NURSE").token()).get(DEVICES + "/" + device + "/assignments")
                .then().statusCode(200).body("", hasSize(2))
                .body("[0].patientId", equalTo((int) second)).body("[0].endedAt", equalTo(null))
                .body("[1].patientId", equalTo((int) first));
    }

    @Test
    void eachReadingIsCheckedDuplicatesDroppedAndTheGoodOnesAreVitalSignsInTheFeed() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient); // the clinic's nurse treats the patient, so she may read the vital signs
        String serial = TestUsers.unique("MON");
        long device = register(serial);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(3, ChronoUnit.HOURS));
        String authorization = credential(device);
        String analyst = TestUsers.analyst().token();
        long cursor = FeedReadings.lastSeq(analyst);

        Map<String, Object> bloodPressure = reading("BLOOD_PRESSURE", 150, now.minus(30, ChronoUnit.MINUTES));
        bloodPressure.put("secondaryValue", 85);
        List<Object> batch = List.of(
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 400, now.minus(59, ChronoUnit.MINUTES)),
                bloodPressure,
                reading("HEART_RATE", 75, now.minus(90, ChronoUnit.MINUTES)), // out of order, inside the window
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES)), // the first one again
                reading("SPO2", 97, now.minus(25, ChronoUnit.HOURS)), // older than the late window
                reading("TEMPERATURE", 36.8, now.plus(1, ChronoUnit.HOURS)),
                Map.of("type", "SPO2", "value", "high", "measuredAt", now.toString()));
        JsonPath result = send(device, authorization, batch);
        assertEquals(List.of(8, 3, 1, 4, 1), List.of(result.getInt("received"), result.getInt("accepted"),
                result.getInt("duplicates"), result.getInt("refused"), result.getInt("abnormal")));
        assertEquals(List.of(1, 5, 6, 7), result.getList("refusals.index"));
        assertEquals(List.of("value", "measuredAt", "measuredAt", "value"), result.getList("refusals.field"));
        assertTrue(result.getString("refusals[0].reason").contains("between 20 and 300"), result.prettify());
        // in the dialect's words, not Jackson's ("Cannot deserialize value of type `java.math.BigDecimal`...")
        assertEquals("must be a number", result.getString("refusals[3].reason"), result.prettify());

        // a retry of the whole batch stores nothing twice
        JsonPath retry = send(device, authorization, batch);
        assertEquals(List.of(0, 4, 4), List.of(retry.getInt("accepted"), retry.getInt("duplicates"),
                retry.getInt("refused")));

        // NDJSON, one reading per line
        String ndjson = "{\"type\":\"SPO2\",\"value\":97,\"measuredAt\":\"" + now.minus(10, ChronoUnit.MINUTES)
                + "\"}\n\n{\"type\":\"TEMPERATURE\",\"value\":36.8,\"unit\":\"°C\",\"measuredAt\":\""
                + now.minus(10, ChronoUnit.MINUTES) + "\"}\n";
        given().header("Authorization", authorization).contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(200)
                .body("accepted", equalTo(2)).body("refused", equalTo(0));

        JsonPath vitals = given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .queryParam("sort", "measuredAt,asc").get("/api/v1/vital-signs").then().statusCode(200)
                .body("totalItems", equalTo(5)).extract().jsonPath();
        assertEquals(List.of("HEART_RATE", "HEART_RATE", "BLOOD_PRESSURE", "SPO2", "TEMPERATURE"),
                vitals.getList("items.type"));
        assertEquals(List.of(75, 72, 150, 97), vitals.<Object>getList("items.value").subList(0, 4).stream()
                .map(value -> ((Number) value).intValue()).toList());
        assertEquals(List.of(false, false, true, false, false), vitals.getList("items.abnormal"));
        assertTrue(vitals.getList("items.deviceId").stream().allMatch(serial::equals), vitals.prettify());
        given().auth().oauth2(TestUsers.adminToken()).get(DEVICES + "/" + device).then().statusCode(200)
                .body("lastSeenAt", org.hamcrest.Matchers.notNullValue());

        List<Long> ids = vitals.getList("items.id", Number.class).stream().map(Number::longValue).toList();
        List<Long> published = new ArrayList<>();
        for (Map<String, Object> event : FeedReadings.eventsAfter(analyst, cursor)) {
            assertTrue(!"VITAL_SIGN".equals(event.get("entityType")), "a device's reading is no single event: " + event);
            if ("VITAL_SIGN_BATCH".equals(event.get("entityType"))) {
                for (Map<String, Object> payload : vitalSigns(event)) {
                    published.add(((Number) payload.get("id")).longValue());
                    assertEquals(patient, ((Number) payload.get("patientId")).longValue());
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(ids), new java.util.TreeSet<>(published), "each stored reading is in "
                + "the feed");
        assertEquals(ids.size(), published.size(), "once");
    }

    /**
     * 2,000 readings are four VITAL_SIGN_BATCH events of 500 (readings-per-event), named after their first reading,
     * holding every stored id once and in order; each element is what a VITAL_SIGN event of that id would carry.
     * The test profile's page budget (mdms.changes.max-page-bytes, 200 KB) holds fewer: the page stops and says hasMore.
     */
    @Test
    void aDevicesReadingsAreInTheFeedInBatchEventsOfAtMost500() {
        long patient = TestUsers.patient().recordId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceApi.Monitor monitor = monitor(patient, now.minus(3, ChronoUnit.HOURS));
        String analyst = TestUsers.analyst().token();
        long cursor = FeedReadings.lastSeq(analyst);

        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> r = reading(i % 2 == 0 ? "HEART_RATE" : "BLOOD_PRESSURE", 60 + i % 100,
                    now.minusMillis(2000L * (i + 1)));
            if (i % 2 == 1) {
                r.put("secondaryValue", 40 + i % 20); // below every systolic value here
            }
            batch.add(r);
        }
        assertEquals(2000, send(monitor.id(), monitor.authorization(), batch).getInt("accepted"));

        JsonPath first = FeedReadings.page(analyst, cursor);
        // four events wait, but 200 KB hold two (some 150 bytes a reading): the page stops early
        assertTrue(first.getList("events").size() < 4 && first.getBoolean("hasMore"), "the page ends at its byte "
                + "budget: " + first.getList("events").size() + " events");
        List<Map<String, Object>> events = FeedReadings.eventsAfter(analyst, cursor);
        List<Map<String, Object>> batches = events.stream()
                .filter(event -> "VITAL_SIGN_BATCH".equals(event.get("entityType"))).toList();
        assertEquals(List.of(500, 500, 500, 500), batches.stream().map(event -> vitalSigns(event).size()).toList());
        List<Long> published = new ArrayList<>();
        for (Map<String, Object> event : batches) {
            assertEquals("UPSERT", event.get("operation"));
            assertEquals(((Number) vitalSigns(event).get(0).get("id")).longValue(),
                    ((Number) event.get("entityId")).longValue(), "named after its first reading");
            vitalSigns(event).forEach(v -> published.add(((Number) v.get("id")).longValue()));
        }
        List<Long> stored = given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient)
                .queryParam("size", 200).queryParam("sort", "measuredAt,desc").get("/api/v1/vital-signs").then()
                .statusCode(200).body("totalItems", equalTo(2000)).extract().jsonPath()
                .getList("items.id", Number.class).stream().map(Number::longValue).toList();
        assertEquals(2000, new java.util.TreeSet<>(published).size(), "each reading once");
        assertEquals(published.stream().sorted().toList(), published, "in the order they were stored");
        assertEquals(stored, published.subList(0, 200), "the batch's first readings are the newest (sent first)");

        // each element carries what the vital-sign API shows of that reading, with a VITAL_SIGN payload's fields
        for (Map<String, Object> element : List.of(vitalSigns(batches.get(0)).get(1),
                vitalSigns(batches.get(3)).get(499))) {
            assertEquals(java.util.Set.of("id", "patientId", "visitId", "type", "value", "secondaryValue", "unit",
                    "abnormal", "measuredAt"), element.keySet());
            JsonPath view = given().auth().oauth2(TestUsers.adminToken())
                    .get("/api/v1/vital-signs/" + element.get("id")).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(view.getLong("patientId"), "BLOOD_PRESSURE", view.getString("unit"),
                            view.getBoolean("abnormal"), view.getString("measuredAt")),
                    List.of(((Number) element.get("patientId")).longValue(), element.get("type"), element.get("unit"),
                            element.get("abnormal"), element.get("measuredAt")), "" + element);
            assertEquals(0, new java.math.BigDecimal(view.getString("value"))
                    .compareTo(new java.math.BigDecimal(element.get("value").toString())), "" + element);
            assertEquals(0, new java.math.BigDecimal(view.getString("secondaryValue"))
                    .compareTo(new java.math.BigDecimal(element.get("secondaryValue").toString())), "" + element);
            assertEquals(null, element.get("visitId"));
        }
    }

    /**
     * 1,234 readings are written as INSERTs of 1,000, 128, 64, 32, 8 and 2 rows (statement sizes that repeat, so they
     * stay prepared): every reading is stored once, and the id the feed gives it is the row holding its value.
     */
    @Test
    void aBatchOfAnOddSizeIsStoredInSeveralStatementsEachReadingUnderItsOwnId() {
        // a patient of its own: the page counts are this batch's readings only
        long patient = ((Number) given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", "监护病人", "gender", "FEMALE",
                        "birthDate", "1960-01-01"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id")).longValue();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceApi.Monitor monitor = monitor(patient, now.minus(3, ChronoUnit.HOURS));
        String analyst = TestUsers.analyst().token();
        long cursor = FeedReadings.lastSeq(analyst);

        Map<String, Integer> sent = new java.util.HashMap<>();
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            Instant at = now.minusMillis(3000L * (i + 1));
            batch.add(reading("HEART_RATE", 40 + i % 250, at));
            sent.put(at.toString(), 40 + i % 250);
        }
        assertEquals(1234, send(monitor.id(), monitor.authorization(), batch).getInt("accepted"));

        Map<Long, String> feed = new java.util.HashMap<>();
        for (Map<String, Object> v : FeedReadings.batchedReadings(FeedReadings.eventsAfter(analyst, cursor))) {
            if (((Number) v.get("patientId")).longValue() == patient) {
                feed.put(((Number) v.get("id")).longValue(), (String) v.get("measuredAt"));
            }
        }
        assertEquals(1234, feed.size(), "each reading once in the feed");
        int checked = 0;
        for (int page = 0; page < 7; page++) {
            JsonPath rows = given().auth().oauth2(TestUsers.adminToken()).queryParam("patientId", patient)
                    .queryParam("size", 200).queryParam("page", page).queryParam("sort", "measuredAt,desc")
                    .get("/api/v1/vital-signs").then().statusCode(200).body("totalItems", equalTo(1234))
                    .extract().jsonPath();
            for (Map<String, Object> row : rows.<Map<String, Object>>getList("items")) {
                long id = ((Number) row.get("id")).longValue();
                String at = (String) row.get("measuredAt");
                assertEquals(feed.get(id), at, "the feed's reading " + id + " is the stored row " + id);
                assertEquals(0, new java.math.BigDecimal(row.get("value").toString())
                        .compareTo(java.math.BigDecimal.valueOf(sent.get(at))), "value of the reading at " + at);
                checked++;
            }
        }
        assertEquals(1234, checked);
    }

    @Test
    void aDeviceSendsOnlyWithItsCurrentSecretForItsPatientAtTheTime() {
        long patient = TestUsers.patient().recordId();
        long other = TestUsers.patient().recordId();
        long device = register(TestUsers.unique("MON"));
        long otherDevice = register(TestUsers.unique("MON"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(1, ChronoUnit.HOURS));
        String old = credential(device);
        String otherCredential = credential(otherDevice);
        List<Object> one = List.of(reading("HEART_RATE", 80, now.minus(5, ChronoUnit.MINUTES)));

        given().contentType(ContentType.JSON).body(one).post(DEVICES + "/" + device + "/measurements")
                .then().statusCode(401).contentType(containsString("application/problem+json"));
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON).body(one)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(401);
        given().header("Authorization", otherCredential).contentType(ContentType.JSON).body(one)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(403);
        given().header("Authorization", old + "x").contentType(ContentType.JSON).body(one)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(401);

        String rotated = credential(device);
        given().header("Authorization", old).contentType(ContentType.JSON).body(one)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(401);

        Map<String, Object> forOther = reading("HEART_RATE", 81, now.minus(4, ChronoUnit.MINUTES));
        forOther.put("patientId", other);
        Map<String, Object> forOwn = reading("HEART_RATE", 82, now.minus(3, ChronoUnit.MINUTES));
        forOwn.put("patientId", patient);
        JsonPath result = send(device, rotated, List.of(
                reading("HEART_RATE", 80, now.minus(5, ChronoUnit.MINUTES)),
                forOther,
                forOwn,
                reading("HEART_RATE", 79, now.minus(2, ChronoUnit.HOURS)))); // before the assignment began
        assertEquals(List.of(2, 2), List.of(result.getInt("accepted"), result.getInt("refused")));
        assertEquals(List.of(1, 3), result.getList("refusals.index"));
        assertEquals(List.of("patientId", "measuredAt"), result.getList("refusals.field"));

        // after the assignment ends, nothing more is taken
        given().auth().oauth2(TestUsers.adminToken()).post(DEVICES + "/" + device + "/assignments/end")
                .then().statusCode(200);
        JsonPath after = send(device, rotated, List.of(reading("HEART_RATE", 80, Instant.now().plusSeconds(1))));
        assertEquals(1, after.getInt("refused"));
        // the other device has no assignment at all
        assertEquals(1, send(otherDevice, otherCredential, one).getInt("refused"));
    }

    @Test
    void oversizedAndOverfullBatchesAreProblems() {
        long patient = TestUsers.patient().recordId();
        long device = register(TestUsers.unique("MON"));
        assign(device, patient, Instant.now().minus(1, ChronoUnit.HOURS));
        String authorization = credential(device);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(reading("HEART_RATE", 70, Instant.now().minusSeconds(i + 1)));
        }
        given().header("Authorization", authorization).contentType(ContentType.JSON).body(tooMany)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("readings"));
        String huge = "[" + " ".repeat(2_200_000) + "]";
        given().header("Authorization", authorization).contentType(ContentType.JSON).body(huge)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(413)
                .contentType(containsString("application/problem+json"));
        given().header("Authorization", authorization).contentType(ContentType.JSON).body("{\"type\":\"SPO2\"}")
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(400)
                .body("errors[0].field", equalTo("readings"));
        given().header("Authorization", authorization).contentType(ContentType.JSON).body("[1,")
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(400);
    }
}
