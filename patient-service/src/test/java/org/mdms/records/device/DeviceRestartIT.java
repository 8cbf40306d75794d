package org.mdms.records.device;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart during ingest loses no acknowledged reading. The packaged patient-service runs as a real process
 * (PatientServiceResource, embedded MariaDB); three writers of one device stream batches through POST
 * .../measurements; once some are acknowledged the service is killed with SIGKILL while batches are in flight, then
 * started again on the same database. Every batch that was answered 200 is then found stored in full (resent, it
 * is all duplicates), the device's resends of the batches cut off are accepted, and the patient's vital-sign list
 * holds every reading exactly once.
 */
class DeviceRestartIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] TYPES = {"HEART_RATE", "SPO2", "TEMPERATURE", "BLOOD_PRESSURE"};
    private static final int BATCH = 250;
    private static final int WRITERS = 3;

    private record Batch(int first, String body) {
    }

    private static String base;

    @BeforeAll
    static void start() {
        PatientServiceResource.startOnce();
        base = PatientServiceResource.baseUrl();
    }

    @AfterAll
    static void stop() {
        PatientServiceResource.stopPatientService();
    }

    @Test
    void aKilledServiceKeepsEveryReadingItAcknowledged() throws Exception {
        String admin = field(send("POST", "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"mdms-demo\"}", 200), "access_token");
        String patient = field(send("POST", "/api/v1/patients", "Bearer " + admin, "{\"mrn\":\"RESTART-"
                + System.nanoTime() + "\",\"name\":\"重启病人\",\"gender\":\"FEMALE\",\"birthDate\":\"1970-01-01\"}",
                201), "id");
        String device = field(send("POST", "/api/v1/devices", "Bearer " + admin, "{\"serialNumber\":\"RESTART-"
                + System.nanoTime() + "\",\"type\":\"BEDSIDE_MONITOR\"}", 201), "id");
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        send("POST", "/api/v1/devices/" + device + "/assignments", "Bearer " + admin, "{\"patientId\":" + patient
                + ",\"startedAt\":\"" + start.minusSeconds(60) + "\"}", 201);
        String credential = field(send("POST", "/api/v1/devices/" + device + "/credentials", "Bearer " + admin, "",
                200), "authorization");
        String path = "/api/v1/devices/" + device + "/measurements";

        Queue<Batch> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Batch> cutOff = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            running.add(writers.submit(() -> {
                while (true) {
                    Batch batch = batch(start, next.getAndAdd(BATCH));
                    try {
                        HttpResponse<String> answer = post(path, credential, batch.body());
                        if (answer.statusCode() == 200) {
                            assertEquals(BATCH, Integer.parseInt(field(answer.body(), "accepted")), answer.body());
                            acknowledged.add(batch);
                        } else {
                            // 429 or a 5xx while the service dies: not acknowledged, the device keeps it
                            cutOff.add(batch);
                        }
                    } catch (IOException connectionLost) {
                        cutOff.add(batch);
                        if (killed.get()) {
                            return null;
                        }
                    }
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < 12 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(acknowledged.size() >= 12, "the writers got batches acknowledged before the kill");
        ProcessHandle service = ProcessHandle.of(Long.parseLong(System.getProperty("mdms.test.patient-service.pid")))
                .orElseThrow();
        killed.set(true);
        service.destroyForcibly(); // SIGKILL: no shutdown hook, no draining of requests in flight
        service.onExit().get(30, TimeUnit.SECONDS);
        for (Future<?> writer : running) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        List<Batch> answered = new ArrayList<>(acknowledged);
        assertTrue(cutOff.size() >= 1, "the kill cut off batches in flight");

        PatientServiceResource.startPatientService();

        // every acknowledged reading is stored: resent, each acknowledged batch is all duplicates
        for (Batch batch : answered) {
            String answer = post(path, credential, batch.body()).body();
            assertEquals(0, Integer.parseInt(field(answer, "accepted")), "batch from " + batch.first() + ": " + answer);
            assertEquals(BATCH, Integer.parseInt(field(answer, "duplicates")), answer);
        }
        // the device resends what was cut off: each reading stored once, whether or not it had been committed
        for (Batch batch : cutOff) {
            String answer = post(path, credential, batch.body()).body();
            assertEquals(BATCH, Integer.parseInt(field(answer, "accepted")) + Integer.parseInt(field(answer,
                    "duplicates")), answer);
        }
        String list = send("GET", "/api/v1/vital-signs?patientId=" + patient + "&size=1", "Bearer " + admin, null,
                200);
        assertEquals((long) (answered.size() + cutOff.size()) * BATCH, Long.parseLong(field(list, "totalItems")),
                list);
    }

    /** Readings first .. first+BATCH-1 of the device: 4 types per instant, 10 ms apart, never repeated. */
    private static Batch batch(Instant start, int first) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < BATCH; i++) {
            int k = first + i;
            String type = TYPES[k % 4];
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"value\":")
                    .append(switch (type) {
                        case "HEART_RATE" -> "72";
                        case "SPO2" -> "97";
                        case "TEMPERATURE" -> "36.8";
                        default -> "120,\"secondaryValue\":80";
                    })
                    .append(",\"measuredAt\":\"").append(start.plusMillis((k / 4) * 10L)).append("\"}");
        }
        return new Batch(first, body.append("]").toString());
    }

    private static HttpResponse<String> post(String path, String credential, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", credential).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String send(String method, String path, String authorization, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, answer.statusCode(), method + " " + path + ": " + answer.body());
        return answer.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        assertTrue(m.find(), "no " + name + " in " + json);
        return m.group(1);
    }
}
