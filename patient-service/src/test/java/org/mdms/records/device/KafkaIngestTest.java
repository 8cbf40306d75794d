package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * mdms.ingest.kafka.enabled=true against an in-process KRaft broker: accepted readings are records of the readings
 * topic (keyed by patient) before they are stored by the consumer group, and then they are vital signs, in the
 * change feed, deduplicated and judged by the alert rules as on the direct path.
 */
@QuarkusTest
@TestProfile(KafkaIngestTest.KafkaOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaIngestTest {

    public static class KafkaOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a send the broker never acknowledges fails after 15 s (Kafka's default: 2 minutes)
            return Map.of("mdms.ingest.kafka.enabled", "true", "mdms.ingest.kafka.partitions", "3",
                    "mp.messaging.outgoing.readings-out.delivery.timeout.ms", "15000",
                    "mp.messaging.outgoing.readings-out.request.timeout.ms", "5000",
                    "mp.messaging.outgoing.readings-out.max.block.ms", "5000",
                    "mdms.devices.ingest.retry-after", "PT7S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InProcessKafka.class));
        }
    }

    private static final String DEVICES = "/api/v1/devices";
    private static final Duration BOUND = Duration.ofSeconds(90);

    @Test
    void aBatchGoesThroughTheTopicAndIsStoredOnceVisibleInTheVitalSignsAndTheFeed() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        String serial = TestUsers.unique("MON");
        long device = register(serial);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(3, ChronoUnit.HOURS));
        String authorization = credential(device);
        String analyst = TestUsers.analyst().token();
        long cursor = lastSeq(analyst);

        List<Object> batch = List.of(
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 400, now.minus(59, ChronoUnit.MINUTES)), // refused: out of range
                reading("SPO2", 96, now.minus(50, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES))); // the first one again
        JsonPath result = send(device, authorization, batch);
        // accepted = handed to Kafka (acks=all) before this answer; the batch's own repeat is counted here already
        assertEquals(List.of(4, 2, 1, 1), List.of(result.getInt("received"), result.getInt("accepted"),
                result.getInt("duplicates"), result.getInt("refused")), result.prettify());

        // the records are in the topic, keyed by the patient, all of them in that patient's one partition
        List<ConsumerRecord<Long, String>> records = topicRecords(patient, 1);
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count());
        assertTrue(records.get(0).value().contains("\"deviceSerial\":\"" + serial + "\""), records.get(0).value());

        JsonPath vitals = awaitVitals(clinic, patient, 2);
        assertEquals(List.of("HEART_RATE", "SPO2"), vitals.getList("items.type"));
        assertTrue(vitals.getList("items.deviceId").stream().allMatch(serial::equals), vitals.prettify());

        // the whole batch again: accepted again by the topic, but stored once (the consumer's write drops it);
        // a later reading of the same patient (same partition, so stored after the repeat) shows the repeat was seen
        send(device, authorization, batch);
        send(device, authorization, List.of(reading("TEMPERATURE", 36.9, now.minus(40, ChronoUnit.MINUTES))));
        assertEquals(3, topicRecords(patient, 3).size());
        vitals = awaitVitals(clinic, patient, 3);
        assertEquals(List.of("HEART_RATE", "SPO2", "TEMPERATURE"), vitals.getList("items.type"));

        List<Long> ids = vitals.getList("items.id", Number.class).stream().map(Number::longValue).toList();
        List<Long> published = new ArrayList<>();
        // the consumer's writes publish VITAL_SIGN_BATCH events, as the direct path does
        for (Map<String, Object> payload : FeedReadings.batchedReadings(FeedReadings.eventsAfter(analyst, cursor))) {
            if (((Number) payload.get("patientId")).longValue() == patient) {
                published.add(((Number) payload.get("id")).longValue());
            }
        }
        assertEquals(new TreeSet<>(ids), new TreeSet<>(published), "each stored reading in the feed once");
        assertEquals(ids.size(), published.size(), "no reading published twice");
    }

    @Test
    void aDeterioratingPatientsReadingThroughKafkaRaisesTheAlert() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        long device = register(TestUsers.unique("MON"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(1, ChronoUnit.HOURS));
        String authorization = credential(device);

        // HEART_RATE_HIGH: above 150 is critical at once (no sustain time)
        send(device, authorization, List.of(reading("HEART_RATE", 120, now.minus(3, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 172, now.minus(1, ChronoUnit.MINUTES))));
        Map<String, Object> alert = awaitAlert(patient, "HEART_RATE_HIGH", a -> true);
        assertEquals("CRITICAL", alert.get("severity"));
        assertEquals(1, topicRecords(patient, 1).size(), "the reading came through the topic");
    }

    @Test
    void aStreamFrameIsAcknowledgedOnceInTheTopicAndThenStored() throws Exception {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        long device = register(TestUsers.unique("MON"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(1, ChronoUnit.HOURS));
        try (StreamClient stream = StreamClient.connect(device, credential(device))) {
            stream.send("{\"type\":\"SPO2\",\"value\":95,\"measuredAt\":\"" + now.minus(2, ChronoUnit.MINUTES)
                    + "\"}");
            JsonPath ack = stream.answer();
            assertEquals(List.of(1, 1, 0), List.of(ack.getInt("frame"), ack.getInt("accepted"),
                    ack.getInt("refused")), ack.prettify());
        }
        assertEquals(1, topicRecords(patient, 1).size());
        assertEquals(List.of("SPO2"), awaitVitals(clinic, patient, 1).getList("items.type"));
    }

    /** Last: it stops the broker. A batch Kafka does not take is a 503 with Retry-After, and nothing is stored. */
    @Test
    @Order(Integer.MAX_VALUE)
    void withTheBrokerGoneABatchIsAnswered503AndNothingIsStored() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        long device = register(TestUsers.unique("MON"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assign(device, patient, now.minus(1, ChronoUnit.HOURS));
        String authorization = credential(device);
        long before = given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .get("/api/v1/vital-signs").then().statusCode(200).extract().jsonPath().getLong("totalItems");

        InProcessKafka.stopNow();
        given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(List.of(reading("SPO2", 96, now.minus(1, ChronoUnit.MINUTES))))
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(503)
                .header("Retry-After", "7").contentType(containsString("application/problem+json"))
                .body("status", equalTo(503)).body("detail", containsString("send it again later"));
        assertEquals(before, given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .get("/api/v1/vital-signs").then().statusCode(200).extract().jsonPath().getLong("totalItems"));
    }

    /** The topic's records of this patient (read from the start by a consumer of its own), at least {@code least}. */
    private static List<ConsumerRecord<Long, String>> topicRecords(long patient, int least) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<Long, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor("mdms.readings", Duration.ofSeconds(20));
            assertEquals(3, partitions.size(), "the topic is created with the configured partitions");
            List<TopicPartition> all = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            List<ConsumerRecord<Long, String>> own = new ArrayList<>();
            Instant until = Instant.now().plus(BOUND);
            while (own.size() < least && Instant.now().isBefore(until)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null && record.key() == patient) {
                        own.add(record);
                    }
                });
            }
            // anything after the wanted count (a record that should not be there) arrives in the same fetches
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (record.key() != null && record.key() == patient) {
                    own.add(record);
                }
            });
            if (own.size() < least) {
                fail("only " + own.size() + " records of patient " + patient + " in the topic, expected " + least);
            }
            return own;
        }
    }

    private static JsonPath awaitVitals(Clinic clinic, long patient, int count) {
        Instant until = Instant.now().plus(BOUND);
        JsonPath page;
        do {
            page = given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                    .queryParam("sort", "measuredAt,asc").get("/api/v1/vital-signs").then().statusCode(200)
                    .extract().jsonPath();
            if (page.getInt("totalItems") >= count) {
                break;
            }
            pause();
        } while (Instant.now().isBefore(until));
        assertEquals(count, page.getInt("totalItems"), page.prettify());
        return page;
    }

    private static Map<String, Object> awaitAlert(long patient, String code, Predicate<Map<String, Object>> wanted) {
        Instant until = Instant.now().plus(BOUND);
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> items = given().auth().oauth2(TestUsers.adminToken())
                    .queryParam("patientId", patient).queryParam("size", 200).get("/api/v1/alerts").then()
                    .statusCode(200).extract().jsonPath().getList("items");
            for (Map<String, Object> alert : items) {
                if (code.equals(alert.get("ruleCode")) && wanted.test(alert)) {
                    return alert;
                }
            }
            pause();
        }
        throw new AssertionError("no " + code + " alert for patient " + patient + " within " + BOUND);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long register(String serial) {
        return given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("serialNumber", serial, "type", "BEDSIDE_MONITOR"))
                .post(DEVICES).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void assign(long device, long patient, Instant from) {
        given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("patientId", patient, "startedAt", from.toString()))
                .post(DEVICES + "/" + device + "/assignments").then().statusCode(201);
    }

    private static String credential(long device) {
        return given().auth().oauth2(TestUsers.adminToken()).post(DEVICES + "/" + device + "/credentials")
                .then().statusCode(200).extract().path("authorization");
    }

    private static Map<String, Object> reading(String type, Object value, Instant at) {
        Map<String, Object> r = new HashMap<>();
        r.put("type", type);
        r.put("value", value);
        r.put("measuredAt", at.toString());
        return r;
    }

    private static JsonPath send(long device, String authorization, Object batch) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(batch)
                .post(DEVICES + "/" + device + "/measurements").then().statusCode(200).extract().jsonPath();
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
}
