import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert latency (patient-service/README.md, "Devices and readings", benchmark): reading received -> alert event on
 * GET /api/v1/alerts/stream. Registers --patients patients, each with a device of its own, subscribes to the SSE
 * stream as the admin, then every --interval-ms one device sends a batch of one heart rate of 160 /min (the default
 * rule HEART_RATE_HIGH opens a CRITICAL alert at once); the latency of a deterioration is from just before its POST
 * to the OPENED event of that patient on the stream (so it includes the HTTP round trip: an upper bound). Prints
 * BENCH lines with p50, p99 and max; a deterioration without its event within --timeout-s counts as missed.
 * run-ingest.sh sets it up first, then starts the simulator and, once the devices stream, creates --go-file: the
 * deteriorations are judged under that load.
 */
public class AlertLatencyBench {

    static final HttpClient HTTP = BenchApi.HTTP;
    // the deterioration's own alert: the probe's silent monitors open DEVICE_SILENT too, which must not count
    static final Pattern EVENT = Pattern.compile("\"change\"\\s*:\\s*\"OPENED\".*\"patientId\"\\s*:\\s*(\\d+)"
            + ".*\"ruleCode\"\\s*:\\s*\"HEART_RATE_HIGH\"");
    static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    /** Per patient, from the first POST to its 200: the write's share of the latency (the rest is the evaluation). */
    static final Map<Long, Long> STORED_NANOS = new ConcurrentHashMap<>();
    static final Map<Long, Long> FIRST_SENT = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String url = BenchApi.arg(args, "--url", "http://127.0.0.1:9382");
        int patients = Integer.parseInt(BenchApi.arg(args, "--patients", "200"));
        long intervalMs = Long.parseLong(BenchApi.arg(args, "--interval-ms", "100"));
        long timeoutS = Long.parseLong(BenchApi.arg(args, "--timeout-s", "10"));
        String goFile = BenchApi.arg(args, "--go-file", null);
        String admin = BenchApi.token(url);
        long[] patientIds = new long[patients];
        long[] deviceIds = new long[patients];
        String[] credentials = new String[patients];
        Instant assignedFrom = Instant.now().minusSeconds(60);
        for (int i = 0; i < patients; i++) {
            BenchApi.Monitor monitor = BenchApi.admit(url, admin, "ALERT", "报警病人", "MALE", "1960-01-01",
                    assignedFrom);
            patientIds[i] = monitor.patient();
            deviceIds[i] = monitor.device();
            credentials[i] = monitor.authorization();
        }

        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        Map<Long, Long> latencyNanos = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(patients);
        CountDownLatch subscribed = new CountDownLatch(1);
        HttpRequest stream = HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + admin).header("Accept", "text/event-stream").GET().build();
        HTTP.sendAsync(stream, HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<String>() {
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
                subscribed.countDown();
            }

            public void onNext(String line) {
                long now = System.nanoTime();
                Matcher m = EVENT.matcher(line);
                if (line.startsWith("data:") && m.find()) {
                    long patient = Long.parseLong(m.group(1));
                    Long sent = sentAt.get(patient);
                    if (sent != null && latencyNanos.putIfAbsent(patient, now - sent) == null) {
                        all.countDown();
                    }
                }
            }

            public void onError(Throwable t) {
                System.out.println("alert stream failed: " + t);
            }

            public void onComplete() {
            }
        }));
        subscribed.await(10, TimeUnit.SECONDS);
        Thread.sleep(1000); // the subscription reaches the broadcast after the head is sent
        if (goFile != null) { // set up before the load; the deteriorations start once the load runs
            System.out.println("alert latency: " + patients + " patients ready; waiting for " + goFile);
            while (!java.nio.file.Files.exists(java.nio.file.Path.of(goFile))) {
                Thread.sleep(200);
            }
        }

        long started = System.nanoTime();
        for (int i = 0; i < patients; i++) {
            long due = started + i * intervalMs * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            int k = i;
            String body = "[{\"type\":\"HEART_RATE\",\"value\":160,\"measuredAt\":\"" + Instant.now() + "\"}]";
            sentAt.put(patientIds[k], System.nanoTime());
            send(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + deviceIds[k] + "/measurements"))
                    .header("Authorization", credentials[k]).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), patientIds[k]);
        }
        all.await(timeoutS, TimeUnit.SECONDS);
        List<Long> millis = new ArrayList<>();
        latencyNanos.values().forEach(n -> millis.add(n / 1_000_000L));
        Collections.sort(millis);
        int missed = patients - millis.size();
        if (millis.isEmpty()) {
            System.out.printf("BENCH ingest alert latency: no alert event of %d deteriorations arrived%n", patients);
            System.exit(0);
        }
        System.out.printf("BENCH ingest alert latency (reading sent -> OPENED on /api/v1/alerts/stream): p50 %d ms, "
                        + "p99 %d ms, max %d ms over %d deteriorations (1 every %d ms), %d missed (no event in %d s); "
                        + "%d POSTs answered 429/503 and resent%n",
                percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1), millis.size(),
                intervalMs, missed, timeoutS, REFUSED.get());
        List<Long> stored = new ArrayList<>();
        STORED_NANOS.values().forEach(n -> stored.add(n / 1_000_000L));
        Collections.sort(stored);
        if (!stored.isEmpty()) {
            System.out.printf("BENCH ingest alert probe POSTs (first send -> 200, resends included): p50 %d ms, p99 %d ms, "
                    + "max %d ms%n", percentile(stored, 50), percentile(stored, 99), stored.get(stored.size() - 1));
        }
        System.exit(0); // the SSE stream stays open otherwise
    }

    /** A deterioration's POST, resent after a 429/503 as its Retry-After says (its latency counts from the first). */
    static void send(HttpRequest request, long patient) {
        FIRST_SENT.putIfAbsent(patient, System.nanoTime());
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(answer -> {
            if (answer.statusCode() == 429 || answer.statusCode() == 503) {
                REFUSED.incrementAndGet();
                long seconds = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"));
                java.util.concurrent.CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS)
                        .execute(() -> send(request, patient));
            } else if (answer.statusCode() == 200) {
                STORED_NANOS.put(patient, System.nanoTime() - FIRST_SENT.get(patient));
            } else {
                System.out.println("deterioration of patient " + patient + " answered " + answer.statusCode() + " "
                        + answer.body());
            }
        });
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
