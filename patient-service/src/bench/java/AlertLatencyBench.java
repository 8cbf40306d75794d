import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern EVENT = Pattern.compile("\"change\"\\s*:\\s*\"OPENED\".*\"patientId\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", "http://127.0.0.1:9382");
        int patients = Integer.parseInt(arg(args, "--patients", "200"));
        long intervalMs = Long.parseLong(arg(args, "--interval-ms", "100"));
        long timeoutS = Long.parseLong(arg(args, "--timeout-s", "10"));
        String goFile = arg(args, "--go-file", null);
        String admin = token(url);
        long[] patientIds = new long[patients];
        long[] deviceIds = new long[patients];
        String[] credentials = new String[patients];
        Instant assignedFrom = Instant.now().minusSeconds(60);
        for (int i = 0; i < patients; i++) {
            patientIds[i] = idOf(post(url + "/api/v1/patients", admin, "{\"mrn\":\"ALERT-" + System.nanoTime()
                    + "\",\"name\":\"报警病人\",\"gender\":\"MALE\",\"birthDate\":\"1960-01-01\"}", 201));
            deviceIds[i] = idOf(post(url + "/api/v1/devices", admin, "{\"serialNumber\":\"ALERT-" + System.nanoTime()
                    + "\",\"type\":\"BEDSIDE_MONITOR\"}", 201));
            post(url + "/api/v1/devices/" + deviceIds[i] + "/assignments", admin, "{\"patientId\":" + patientIds[i]
                    + ",\"startedAt\":\"" + assignedFrom + "\"}", 201);
            credentials[i] = field(post(url + "/api/v1/devices/" + deviceIds[i] + "/credentials", admin, "", 200),
                    "authorization");
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
            HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + deviceIds[k] + "/measurements"))
                            .header("Authorization", credentials[k]).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(answer -> {
                        if (answer.statusCode() != 200) {
                            System.out.println("deterioration of patient " + patientIds[k] + " answered "
                                    + answer.statusCode() + " " + answer.body());
                        }
                    });
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
                        + "p99 %d ms, max %d ms over %d deteriorations (1 every %d ms), %d missed (no event in %d s)%n",
                percentile(millis, 50), percentile(millis, 99), millis.get(millis.size() - 1), millis.size(),
                intervalMs, missed, timeoutS);
        System.exit(0); // the SSE stream stays open otherwise
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String token(String url) throws Exception {
        return field(post(url + "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"mdms-demo\"}",
                200), "access_token");
    }

    static String post(String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    static long idOf(String json) {
        return Long.parseLong(field(json, "id"));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
