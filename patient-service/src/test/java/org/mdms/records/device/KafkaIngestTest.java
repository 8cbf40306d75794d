package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.records.TestUsers;
import org.mdms.records.device.DeviceApi.Monitor;
import org.mdms.records.visit.Clinic;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mdms.records.device.DeviceApi.BOUND;
import static org.mdms.records.device.DeviceApi.DEVICES;
import static org.mdms.records.device.DeviceApi.awaitAlert;
import static org.mdms.records.device.DeviceApi.awaitVitals;
import static org.mdms.records.device.DeviceApi.monitor;
import static org.mdms.records.Pause.pause;
import static org.mdms.records.device.DeviceApi.reading;
import static org.mdms.records.device.DeviceApi.send;
import static org.mdms.records.device.DeviceApi.vitals;

/**
 * mdms.ingest.kafka.enabled=true against an in-process KRaft broker: accepted readings are records of the readings
 * topic (keyed by patient) before they are stored by the consumer group, and then they are vital signs, in the
 * change feed, deduplicated and judged by the alert rules as on the direct path. A record that can never be stored
 * is set aside in the dead-letter topic and does not hold up its partition; a write that fails for a while is retried.
 */
@QuarkusTest
@TestProfile(KafkaIngestTest.KafkaOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaIngestTest {

    private static final String READINGS = "mdms.readings";
    private static final String DEAD_LETTERS = "mdms.readings.dead";

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

    @Test
    void aBatchGoesThroughTheTopicAndIsStoredOnceVisibleInTheVitalSignsAndTheFeed() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceApi.Monitor monitor = monitor(patient, now.minus(3, ChronoUnit.HOURS));
        String analyst = TestUsers.analyst().token();
        long cursor = FeedReadings.lastSeq(analyst);

        List<Object> batch = List.of(
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 400, now.minus(59, ChronoUnit.MINUTES)), // refused: out of range
                reading("SPO2", 96, now.minus(50, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 72, now.minus(60, ChronoUnit.MINUTES))); // the first one again
        JsonPath result = send(monitor.id(), monitor.authorization(), batch);
        // accepted = handed to Kafka (acks=all) before this answer; the batch's own repeat is counted here already
        assertEquals(List.of(4, 2, 1, 1), List.of(result.getInt("received"), result.getInt("accepted"),
                result.getInt("duplicates"), result.getInt("refused")), result.prettify());

        // the records are in the topic, keyed by the patient, all of them in that patient's one partition
        List<ConsumerRecord<Long, String>> records = recordsOf(READINGS, patient);
        assertEquals(1, records.size());
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count());
        assertTrue(records.get(0).value().contains("\"deviceSerial\":\"" + monitor.serial() + "\""),
                records.get(0).value());

        JsonPath vitals = awaitVitals(clinic, patient, 2);
        assertEquals(List.of("HEART_RATE", "SPO2"), vitals.getList("items.type"));
        assertTrue(vitals.getList("items.deviceId").stream().allMatch(monitor.serial()::equals), vitals.prettify());

        // the whole batch again: accepted again by the topic, but stored once (the consumer's write drops it);
        // a later reading of the same patient (same partition, so stored after the repeat) shows the repeat was seen
        send(monitor.id(), monitor.authorization(), batch);
        send(monitor.id(), monitor.authorization(),
                List.of(reading("TEMPERATURE", 36.9, now.minus(40, ChronoUnit.MINUTES))));
        assertEquals(3, recordsOf(READINGS, patient).size());
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Monitor monitor = monitor(patient, now.minus(1, ChronoUnit.HOURS));

        // HEART_RATE_HIGH: above 150 is critical at once (no sustain time)
        send(monitor.id(), monitor.authorization(), List.of(
                reading("HEART_RATE", 120, now.minus(3, ChronoUnit.MINUTES)),
                reading("HEART_RATE", 172, now.minus(1, ChronoUnit.MINUTES))));
        Map<String, Object> alert = awaitAlert(patient, "HEART_RATE_HIGH", a -> true);
        assertEquals("CRITICAL", alert.get("severity"));
        assertEquals(1, recordsOf(READINGS, patient).size(), "the reading came through the topic");
    }

    @Test
    void aStreamFrameIsAcknowledgedOnceInTheTopicAndThenStored() throws Exception {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Monitor monitor = monitor(patient, now.minus(1, ChronoUnit.HOURS));
        try (StreamClient stream = StreamClient.connect(monitor.id(), monitor.authorization())) {
            stream.send("{\"type\":\"SPO2\",\"value\":95,\"measuredAt\":\"" + now.minus(2, ChronoUnit.MINUTES)
                    + "\"}");
            JsonPath ack = stream.answer();
            assertEquals(List.of(1, 1, 0), List.of(ack.getInt("frame"), ack.getInt("accepted"),
                    ack.getInt("refused")), ack.prettify());
        }
        assertEquals(1, recordsOf(READINGS, patient).size());
        assertEquals(List.of("SPO2"), awaitVitals(clinic, patient, 1).getList("items.type"));
    }

    /**
     * Two records that can never be stored ahead of good ones in the patient's partition: one that is not a readings
     * record at all, one whose value the database refuses (DECIMAL(6,2) holds at most 9999.99; the HTTP checks would
     * never let it through, a forged or older producer could). Both are set aside in the dead-letter topic with their
     * reason and counted; the good readings behind them are stored.
     */
    @Test
    void aRecordThatCanNeverBeStoredIsSetAsideAndThePartitionMovesOn() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeviceApi.Monitor monitor = monitor(patient, now.minus(1, ChronoUnit.HOURS));
        double unreadableBefore = deadLetterCount("unreadable");
        double refusedBefore = deadLetterCount("refused");

        String unreadable = "{\"deviceId\":" + monitor.id() + ",\"readings\":[{\"type\":";
        String refused = "{\"deviceId\":" + monitor.id() + ",\"deviceSerial\":\"" + monitor.serial()
                + "\",\"patientId\":" + patient
                + ",\"readings\":[{\"type\":\"HEART_RATE\",\"value\":123456,\"unit\":\"/min\",\"abnormal\":true,"
                + "\"measuredAt\":\"" + now.minus(20, ChronoUnit.MINUTES) + "\"}]}";
        produce(patient, unreadable);
        produce(patient, refused);
        send(monitor.id(), monitor.authorization(), List.of(
                reading("HEART_RATE", 72, now.minus(10, ChronoUnit.MINUTES)),
                reading("SPO2", 97, now.minus(10, ChronoUnit.MINUTES))));

        JsonPath vitals = awaitVitals(clinic, patient, 2);
        assertEquals(List.of("HEART_RATE", "SPO2"), vitals.getList("items.type"), vitals.prettify());
        List<ConsumerRecord<Long, String>> readings = recordsOf(READINGS, patient);
        assertEquals(3, readings.size(), "the two forged records and the batch's");
        assertEquals(1, readings.stream().map(ConsumerRecord::partition).distinct().count(), "one partition");

        List<ConsumerRecord<Long, String>> dead = recordsOf(DEAD_LETTERS, patient);
        assertEquals(List.of(unreadable, refused), dead.stream().map(ConsumerRecord::value).toList(),
                "each set aside once, key and value unchanged");
        assertTrue(header(dead.get(0), "dead-letter-reason").startsWith("unreadable: "),
                header(dead.get(0), "dead-letter-reason"));
        assertTrue(header(dead.get(1), "dead-letter-reason").startsWith("refused by the database"),
                header(dead.get(1), "dead-letter-reason"));
        for (int i = 0; i < 2; i++) {
            assertEquals(READINGS, header(dead.get(i), "dead-letter-topic"));
            assertEquals(Integer.toString(readings.get(0).partition()), header(dead.get(i), "dead-letter-partition"));
            assertEquals(Long.toString(readings.get(i).offset()), header(dead.get(i), "dead-letter-offset"));
        }
        awaitDeadLetterCount("unreadable", unreadableBefore + 1);
        awaitDeadLetterCount("refused", refusedBefore + 1);
    }

    /**
     * A transient failure is waited out: while the change events' table is away (renamed, as during a botched
     * upgrade) every write fails, the readings stay in Kafka; once it is back they are stored, and nothing was set
     * aside.
     */
    @Test
    void aWriteThatFailsForAWhileIsRetriedUntilItIsStored() throws Exception {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Monitor monitor = monitor(patient, now.minus(1, ChronoUnit.HOURS));

        try (Connection connection = TestUsers.jdbc(); Statement sql = connection.createStatement()) {
            sql.execute("RENAME TABLE change_event TO change_event_away");
            try {
                send(monitor.id(), monitor.authorization(), List.of(reading("SPO2", 95, now.minus(5,
                        ChronoUnit.MINUTES))));
                pause(3000);
                assertEquals(0, vitals(clinic, patient).getInt("totalItems"), "not stored while the table is away");
            } finally {
                sql.execute("RENAME TABLE change_event_away TO change_event");
            }
        }
        assertEquals(List.of("SPO2"), awaitVitals(clinic, patient, 1).getList("items.type"));
        assertEquals(List.of(), recordsOf(DEAD_LETTERS, patient), "nothing set aside");
    }

    /** Last: it stops the broker. A batch Kafka does not take is a 503 with Retry-After, and nothing is stored. */
    @Test
    @Order(Integer.MAX_VALUE)
    void withTheBrokerGoneABatchIsAnswered503AndNothingIsStored() {
        Clinic clinic = Clinic.get();
        long patient = TestUsers.patient().recordId();
        clinic.openVisit(patient);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Monitor monitor = monitor(patient, now.minus(1, ChronoUnit.HOURS));
        long before = given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .get("/api/v1/vital-signs").then().statusCode(200).extract().jsonPath().getLong("totalItems");

        InProcessKafka.stopNow();
        given().header("Authorization", monitor.authorization()).contentType(ContentType.JSON)
                .body(List.of(reading("SPO2", 96, now.minus(1, ChronoUnit.MINUTES))))
                .post(DEVICES + "/" + monitor.id() + "/measurements").then().statusCode(503)
                .header("Retry-After", "7").contentType(containsString("application/problem+json"))
                .body("status", equalTo(503)).body("detail", containsString("send it again later"));
        assertEquals(before, given().auth().oauth2(clinic.nurse.token()).queryParam("patientId", patient)
                .get("/api/v1/vital-signs").then().statusCode(200).extract().jsonPath().getLong("totalItems"));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** The topic's records keyed by this patient, read from its beginning to its end as it is now. */
    private static List<ConsumerRecord<Long, String>> recordsOf(String topic, long patient) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<Long, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20));
            assertEquals(topic.equals(READINGS) ? 3 : 1, partitions.size(),
                    "the topic is created with the configured partitions");
            List<TopicPartition> all = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            List<ConsumerRecord<Long, String>> own = new ArrayList<>();
            Instant until = Instant.now().plus(BOUND);
            while (all.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue(Instant.now().isBefore(until), "the topic " + topic + " not read to its end in " + BOUND);
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.key() != null && record.key() == patient) {
                        own.add(record);
                    }
                });
            }
            return own;
        }
    }

    /** A record written to the readings topic as another producer would, keyed by the patient as the service does. */
    private static void produce(long patient, String value) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaProducer<Long, byte[]> producer = new KafkaProducer<>(config, new LongSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(READINGS, patient, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the record was not produced", e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "no header " + name + " on " + record);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static final Pattern COUNTER = Pattern.compile(
            "^mdms_readings_dead_letters_total\\{[^}]*reason=\"(\\w+)\"[^}]*}\\s+([0-9.E+-]+)", Pattern.MULTILINE);

    /** mdms_readings_dead_letters_total of this reason on /q/metrics (0 before the first). */
    private static double deadLetterCount(String reason) {
        Matcher m = COUNTER.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        while (m.find()) {
            if (m.group(1).equals(reason)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    // the counter moves just after the broker took the copy, so a test that saw the copy may be a moment early
    private static void awaitDeadLetterCount(String reason, double expected) {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (deadLetterCount(reason) < expected && Instant.now().isBefore(until)) {
            pause(100);
        }
        assertEquals(expected, deadLetterCount(reason), "mdms_readings_dead_letters_total{reason=" + reason + "}");
    }
}
