package org.mdms.records.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed as the document declares it: events are a oneOf chosen by entityType, and every real event the
 * feed hands out fits the schema its entityType maps to (each property sent is declared, with its JSON type; each
 * required one is there). A payload field added to a *Change record without its schema fails here.
 */
@QuarkusTest
class ChangeFeedSchemaTest {

    private static final Set<String> TYPES = Set.of("DEPARTMENT", "STAFF", "PATIENT", "DRUG", "VISIT", "PRESCRIPTION",
            "EXAMINATION", "VITAL_SIGN", "VITAL_SIGN_BATCH");

    @SuppressWarnings("unchecked")
    @Test
    void everyEventTheFeedHandsOutFitsTheSchemaOfItsEntityType() {
        makeOneOfEachKind();
        JsonPath doc = JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        Map<String, Object> schemas = doc.getMap("components.schemas");
        SchemaCheck check = new SchemaCheck(schemas);

        Map<String, Object> event = (Map<String, Object>) schemas.get("ChangeEvent");
        assertEquals("entityType", doc.getString("components.schemas.ChangeEvent.discriminator.propertyName"));
        Map<String, String> mapping = doc.getMap("components.schemas.ChangeEvent.discriminator.mapping");
        assertEquals(TYPES, mapping.keySet(), "one schema per entity type");
        assertEquals(TYPES.size(), ((List<?>) event.get("oneOf")).size());
        assertTrue(!event.containsKey("properties"), "ChangeEvent is only the choice, not a JsonNode");
        String events = doc.getString("paths.'/api/v1/changes'.get.responses.'200'.content.'application/json'.schema.$ref");
        Map<String, Object> page = check.resolve(Map.of("$ref", events));
        Map<String, Object> items = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                page.get("properties")).get("events")).get("items");
        assertEquals("#/components/schemas/ChangeEvent", items.get("$ref"), "the page lists ChangeEvents");
        mapping.forEach((type, ref) -> {
            Map<String, Object> target = check.resolve(Map.of("$ref", ref));
            Map<String, Object> properties = (Map<String, Object>) target.get("properties");
            Map<String, Object> payload = check.resolve((Map<String, Object>) properties.get("payload"));
            assertTrue(payload.containsKey("properties"), type + " declares its payload's properties");
        });

        Set<String> seen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonPath feed = given().auth().oauth2(TestUsers.adminToken()).queryParam("after", cursor)
                    .queryParam("limit", 1000).get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            Map<String, Object> shell = new HashMap<>(feed.getMap("$"));
            shell.put("events", List.of());
            problems.addAll(check.check(shell, Map.of("$ref", events), "page after " + cursor));
            for (Map<String, Object> one : feed.<Map<String, Object>>getList("events")) {
                seen.add((String) one.get("entityType"));
                // ChangeFeedTest stores a hand-written {"late":true} event to test ordering: no writer appends that
                if (!((Map<String, Object>) one.get("payload")).containsKey("late")) {
                    problems.addAll(check.check(one, Map.of("$ref", "#/components/schemas/ChangeEvent"),
                            one.get("entityType") + "#" + one.get("seq")));
                }
            }
            cursor = feed.getLong("nextCursor");
            if (!feed.getBoolean("hasMore")) {
                break;
            }
        }
        assertTrue(seen.containsAll(TYPES), "the feed had events of every type: " + seen);
        assertEquals(List.of(), problems.stream().limit(20).toList());
    }

    private static void makeOneOfEachKind() {
        Clinic clinic = Clinic.get();
        String admin = Clinic.admin();
        long patient = clinic.patient.recordId();
        long visit = clinic.openVisit(patient);
        long drug = Clinic.addDrug("12.80");
        Map<String, Object> item = new HashMap<>(Map.of("drugId", drug, "quantity", 6, "dosage", "每次2粒",
                "frequency", "每日3次", "days", 1));
        Number prescription = given().auth().oauth2(clinic.doctor.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "items", List.of(item))).post("/api/v1/prescriptions")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(clinic.pharmacist.token()).post("/api/v1/prescriptions/" + prescription + "/dispense")
                .then().statusCode(200);
        given().auth().oauth2(clinic.technician.token()).contentType(ContentType.JSON)
                .body(Map.of("visitId", visit, "item", "血红蛋白", "result", "182", "unit", "g/L",
                        "referenceRange", "130-175", "abnormal", true,
                        "performedAt", Instant.now().minus(30, ChronoUnit.MINUTES).toString()))
                .post("/api/v1/examinations").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("patientId", patient, "type", "BLOOD_PRESSURE", "value", 128, "secondaryValue", 82,
                        "measuredAt", Instant.now().minus(5, ChronoUnit.MINUTES).toString()))
                .post("/api/v1/vital-signs").then().statusCode(201);
        // a device's readings: a VITAL_SIGN_BATCH event
        Number device = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", TestUsers.unique("SCH"), "type", "BEDSIDE_MONITOR"))
                .post("/api/v1/devices").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("patientId", patient, "startedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString()))
                .post("/api/v1/devices/" + device + "/assignments").then().statusCode(201);
        String credential = given().auth().oauth2(admin).post("/api/v1/devices/" + device + "/credentials")
                .then().statusCode(200).extract().path("authorization");
        Instant at = Instant.now().minus(2, ChronoUnit.MINUTES);
        given().header("Authorization", credential).contentType(ContentType.JSON)
                .body(List.of(Map.of("type", "HEART_RATE", "value", 72, "measuredAt", at.toString()),
                        Map.of("type", "BLOOD_PRESSURE", "value", 128, "secondaryValue", 82,
                                "measuredAt", at.toString())))
                .post("/api/v1/devices/" + device + "/measurements").then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(2));
    }
}
