package org.mdms.records.changes;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ChangeFeedTest {

    private static Map<String, Object> newPatient(String mrn) {
        return Map.of("mrn", mrn, "name", "并发" + mrn.substring(mrn.length() - 4), "gender", "MALE",
                "birthDate", "1975-06-01");
    }

    private static long lastSeq(String token) {
        long cursor = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(token).queryParam("after", cursor).queryParam("limit", 1000)
                    .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return cursor;
            }
        }
    }

    @Test
    void concurrentWritersNeverMakeTheReaderSkipOrRepeat() throws Exception {
        String admin = TestUsers.adminToken();
        long start = lastSeq(admin);
        int writers = 6;
        int perWriter = 15;
        Set<Long> created = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        List<Long> seenPatients = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        Future<?> reader = pool.submit(() -> {
            long cursor = start;
            boolean finalPass = false;
            while (true) {
                JsonPath page = given().auth().oauth2(admin).queryParam("after", cursor).queryParam("limit", 7)
                        .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
                List<Number> seqs = page.getList("events.seq", Number.class);
                List<String> types = page.getList("events.entityType", String.class);
                List<Number> ids = page.getList("events.entityId", Number.class);
                for (int i = 0; i < seqs.size(); i++) {
                    seen.add(seqs.get(i).longValue());
                    if ("PATIENT".equals(types.get(i))) {
                        seenPatients.add(ids.get(i).longValue());
                    }
                }
                cursor = page.getLong("nextCursor");
                if (!page.getBoolean("hasMore")) {
                    if (finalPass) {
                        return;
                    }
                    finalPass = !writing.get();
                }
            }
        });
        List<Future<?>> writerTasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            writerTasks.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    Number id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                            .body(newPatient(TestUsers.unique("MRN"))).post("/api/v1/patients")
                            .then().statusCode(201).extract().path("id");
                    created.add(id.longValue());
                }
            }));
        }
        for (Future<?> task : writerTasks) {
            task.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.get(120, TimeUnit.SECONDS);
        pool.shutdown();

        assertEquals(writers * perWriter, created.size());
        assertEquals(new HashSet<>(seen).size(), seen.size(), "no event handed out twice");
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(start + 1 + i, seen.get(i), "sequence numbers are gap-free and in order");
        }
        assertTrue(new HashSet<>(seenPatients).containsAll(created), "every created patient reached the reader");
    }

    @Test
    void aLateCommittingWriterIsNotSkipped() throws Exception {
        String admin = TestUsers.adminToken();
        long before = lastSeq(admin);
        try (Connection slow = TestUsers.jdbc()) {
            slow.setAutoCommit(false);
            long slowSeq;
            try (Statement sql = slow.createStatement()) {
                sql.executeUpdate("UPDATE change_sequence SET last_seq = LAST_INSERT_ID(last_seq + 1) WHERE id = 1");
                sql.executeUpdate("INSERT INTO change_event (seq, entity_type, entity_id, operation, occurred_at, "
                        + "payload) VALUES (LAST_INSERT_ID(), 'DEPARTMENT', 0, 'UPSERT', NOW(6), '{\"late\":true}')");
                try (ResultSet rows = sql.executeQuery("SELECT LAST_INSERT_ID()")) {
                    rows.next();
                    slowSeq = rows.getLong(1);
                }
            }
            // a fast writer starts after the slow one took its number and wants to commit first
            CompletableFuture<Integer> fast = CompletableFuture.supplyAsync(() -> given().auth().oauth2(admin)
                    .contentType(ContentType.JSON).body(newPatient(TestUsers.unique("MRN")))
                    .post("/api/v1/patients").then().extract().statusCode());
            Thread.sleep(500);
            assertFalse(fast.isDone(), "the fast writer waits for the slow one's number to commit");
            assertEquals(before, lastSeq(admin), "nothing past the uncommitted number is visible");
            slow.commit();
            assertEquals(201, fast.get(30, TimeUnit.SECONDS));
            given().auth().oauth2(admin).queryParam("after", before).queryParam("limit", 2)
                    .get("/api/v1/changes").then().statusCode(200)
                    .body("events[0].seq", equalTo((int) slowSeq))
                    .body("events[0].payload.late", equalTo(true))
                    .body("events[1].entityType", equalTo("PATIENT"))
                    .body("events[1].seq", equalTo((int) slowSeq + 1));
        }
    }

    @Test
    void feedRequiresAnalystOrAdminAndValidParameters() {
        given().auth().oauth2(TestUsers.analyst().token()).get("/api/v1/changes").then().statusCode(200);
        given().auth().oauth2(TestUsers.staff("DOCTOR").token()).get("/api/v1/changes").then().statusCode(403);
        given().get("/api/v1/changes").then().statusCode(401);
        given().auth().oauth2(TestUsers.adminToken()).queryParam("limit", 0).get("/api/v1/changes").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("after", -1).get("/api/v1/changes").then()
                .statusCode(400).body("errors[0].field", equalTo("after"));
        given().auth().oauth2(TestUsers.adminToken()).queryParam("after", "abc").get("/api/v1/changes").then()
                .statusCode(400);
    }

    @Test
    void patientEventsCarryTheContractPayloadWithoutPersonalDetails() {
        String admin = TestUsers.adminToken();
        long before = lastSeq(admin);
        String mrn = TestUsers.unique("MRN");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(newPatient(mrn))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).queryParam("after", before).get("/api/v1/changes").then().statusCode(200)
                .body("events.find { it.entityId == " + id + " }.entityType", equalTo("PATIENT"))
                .body("events.find { it.entityId == " + id + " }.operation", equalTo("UPSERT"))
                .body("events.find { it.entityId == " + id + " }.payload.gender", equalTo("MALE"))
                .body("events.find { it.entityId == " + id + " }.payload.birthYear", equalTo(1975))
                .body("events.find { it.entityId == " + id + " }.payload.deleted", equalTo(false))
                .body("events.find { it.entityId == " + id + " }.payload.keySet()",
                        equalTo(Set.of("id", "gender", "birthYear", "deleted")));
    }

    /** Feed minimisation: the warehouse needs a gender and a birth year; no event of any kind names MRN or birth date. */
    @Test
    void noFeedPayloadCarriesAnMrnOrABirthDate() {
        String admin = TestUsers.adminToken();
        String mrn = TestUsers.unique("MRN");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(newPatient(mrn))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        Map<String, Object> update = new java.util.HashMap<>(newPatient(mrn));
        update.put("birthDate", "1975-06-02");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(update)
                .put("/api/v1/patients/" + id).then().statusCode(200);
        long cursor = 0;
        int patientEvents = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(admin).queryParam("after", cursor).queryParam("limit", 1000)
                    .get("/api/v1/changes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = page.getList("events");
            for (Map<String, Object> event : events) {
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) event.get("payload");
                String text = payload.toString();
                assertFalse(payload.containsKey("mrn") || payload.containsKey("birthDate"),
                        "event " + event.get("seq") + " carries " + payload.keySet());
                assertFalse(text.contains(mrn) || text.contains("1975-06-0"), "event " + event.get("seq") + ": " + text);
                if ("PATIENT".equals(event.get("entityType"))) {
                    patientEvents++;
                    assertTrue(payload.containsKey("birthYear") && payload.containsKey("gender"), text);
                }
            }
            cursor = page.getLong("nextCursor");
            if (!page.getBoolean("hasMore")) {
                break;
            }
        }
        assertTrue(patientEvents >= 2, "the created and updated patient are in the feed");
    }

    /** V5 rewrites PATIENT events written before the minimisation: MRN and birth date out, birth year in. */
    @Test
    void theMigrationRewritesPatientEventsWrittenBeforeTheMinimisation() throws Exception {
        String migration;
        try (var in = getClass().getClassLoader().getResourceAsStream(
                "db/migration/V5__change_feed_patient_minimum.sql")) {
            migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("--")).collect(java.util.stream.Collectors.joining("\n"));
        }
        try (Connection db = TestUsers.jdbc()) {
            db.setAutoCommit(false); // rolled back: the old-format event never reaches the feed's readers
            try (Statement sql = db.createStatement()) {
                sql.executeUpdate("INSERT INTO change_event (seq, entity_type, entity_id, operation, occurred_at, "
                        + "payload) VALUES (9000000000000001, 'PATIENT', 424242, 'UPSERT', NOW(6), "
                        + "'{\"id\":424242,\"mrn\":\"MRN-OLD-1\",\"gender\":\"FEMALE\",\"birthDate\":\"1975-06-01\","
                        + "\"deleted\":false}')");
                sql.executeUpdate(migration.strip().replaceAll(";$", ""));
                try (ResultSet rows = sql.executeQuery("SELECT payload FROM change_event WHERE seq = 9000000000000001")) {
                    rows.next();
                    var payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows.getString(1));
                    Set<String> fields = new HashSet<>();
                    payload.fieldNames().forEachRemaining(fields::add);
                    assertEquals(Set.of("id", "gender", "birthYear", "deleted"), fields);
                    assertEquals(1975, payload.get("birthYear").asInt());
                    assertEquals("FEMALE", payload.get("gender").asText());
                }
            } finally {
                db.rollback();
            }
        }
    }
}
