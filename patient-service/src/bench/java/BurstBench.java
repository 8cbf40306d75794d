import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 10x burst on the batch path (patient-service/README.md, "Devices and readings", benchmark). Open loop: batches
 * of --batch readings are due at --base-rate readings/s for --base-seconds, then at ten times that for
 * --burst-seconds, then at the base rate again for --base-seconds, spread over --devices devices; each is sent when
 * due whatever the answers before it (at most --client-in-flight requests open, else the batch counts as not
 * offered). Counts the answers (200, 429 and 503 with or without Retry-After, other, I/O errors), samples the
 * service's heap (jvm_memory_used_bytes, area heap, on /q/metrics) every 250 ms, then checks in the database that
 * every acknowledged reading is stored (stored = accepted by the 200s), resends every refused batch honouring
 * Retry-After, and checks that then every reading offered is stored. Prints BENCH lines.
 */
public class BurstBench {

    // HTTP/1.1: one connection per request in flight, as many devices would open; over one HTTP/2 connection the
    // client's flow control, not the service, would hold the burst back
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] TYPES = {"HEART_RATE", "SPO2", "TEMPERATURE", "BLOOD_PRESSURE"};
    static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+([0-9.E+-]+)",
            Pattern.MULTILINE);
    /** What the last GC left alive: the heap the burst really holds, without garbage not yet collected. */
    static final Pattern LIVE = Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*})?\\s+([0-9.E+-]+)",
            Pattern.MULTILINE);

    record Batch(int device, int first, int count) {
    }

    public static void main(String[] args) throws Exception {
        String url = BenchApi.arg(args, "--url", "http://127.0.0.1:9382");
        int devices = Integer.parseInt(BenchApi.arg(args, "--devices", "20"));
        int batch = Integer.parseInt(BenchApi.arg(args, "--batch", "1000"));
        double baseRate = Double.parseDouble(BenchApi.arg(args, "--base-rate", "2000"));
        int baseSeconds = Integer.parseInt(BenchApi.arg(args, "--base-seconds", "5"));
        int burstSeconds = Integer.parseInt(BenchApi.arg(args, "--burst-seconds", "15"));
        int clientInFlight = Integer.parseInt(BenchApi.arg(args, "--client-in-flight", "512"));
        String admin = BenchApi.token(url);
        Instant start = Instant.now().minusSeconds(20 * 3600);
        long[] ids = new long[devices];
        String[] credentials = new String[devices];
        for (int d = 0; d < devices; d++) {
            BenchApi.Monitor monitor = BenchApi.admit(url, admin, "BURST", "突发病人", "FEMALE", "1975-01-01",
                    start.minusSeconds(60));
            ids[d] = monitor.device();
            credentials[d] = monitor.authorization();
        }

        AtomicLong maxHeap = new AtomicLong();
        AtomicLong baseHeap = new AtomicLong();
        AtomicLong maxLive = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    String metrics = metrics(url);
                    long heap = sum(HEAP, metrics);
                    maxHeap.accumulateAndGet(heap, Math::max);
                    baseHeap.compareAndSet(0, heap);
                    maxLive.accumulateAndGet(sum(LIVE, metrics), Math::max);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a sample missed under load; the next one counts
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        AtomicLong ok = new AtomicLong(), accepted = new AtomicLong(), busy429 = new AtomicLong(),
                busy503 = new AtomicLong(), withoutRetryAfter = new AtomicLong(), other = new AtomicLong(),
                failed = new AtomicLong(), notOffered = new AtomicLong(), offered = new AtomicLong();
        Queue<Batch> refused = new ConcurrentLinkedQueue<>();
        Semaphore open = new Semaphore(clientInFlight);
        int[] next = new int[devices];
        long totalReadings = 0;
        long t0 = System.nanoTime();
        double[][] phases = {{baseRate, baseSeconds}, {baseRate * 10, burstSeconds}, {baseRate, baseSeconds}};
        long phaseStart = t0;
        int device = 0;
        for (double[] phase : phases) {
            double batchesPerSecond = phase[0] / batch;
            long batches = Math.round(batchesPerSecond * phase[1]);
            for (long i = 0; i < batches; i++) {
                long due = phaseStart + (long) (i / batchesPerSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Batch b = new Batch(device, next[device], batch);
                next[device] += batch;
                device = (device + 1) % devices;
                totalReadings += batch;
                if (!open.tryAcquire()) {
                    notOffered.incrementAndGet();
                    refused.add(b);
                    continue;
                }
                offered.incrementAndGet();
                HTTP.sendAsync(BenchApi.measurements(url, ids[b.device()], credentials[b.device()], json(start, b)),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((answer, failure) -> {
                            try {
                                count(answer, failure, b, ok, accepted, busy429, busy503, withoutRetryAfter, other,
                                        failed, refused);
                            } finally {
                                open.release(); // after counting: the last acquire below waits for every count
                            }
                        });
            }
            phaseStart += (long) (phase[1] * 1e9);
        }
        open.acquire(clientInFlight); // every answer is in
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(1000);
        sampler.interrupt();
        System.out.printf("BENCH ingest burst: base %.0f readings/s for %d s, burst %.0f readings/s (10x) for %d s, "
                        + "base again for %d s, batches of %d on %d devices, %.1f s; batches sent %d (%d not offered:"
                        + " %d open at the client): 200 %d (%d readings accepted), 429 %d, 503 %d (%d without "
                        + "Retry-After), other %d, I/O errors %d%n", baseRate, baseSeconds, baseRate * 10,
                burstSeconds, baseSeconds, batch, devices, seconds, offered.get(), notOffered.get(), clientInFlight,
                ok.get(), accepted.get(), busy429.get(), busy503.get(), withoutRetryAfter.get(), other.get(),
                failed.get());
        System.out.printf("BENCH ingest burst heap: used %d MB before, at most %d MB during the burst (garbage "
                        + "included); live after a GC at most %d MB; -Xmx %s%n", baseHeap.get() >> 20,
                maxHeap.get() >> 20, maxLive.get() >> 20, BenchApi.arg(args, "--xmx", "of the service"));

        String jdbc = BenchApi.arg(args, "--jdbc", null);
        String user = BenchApi.arg(args, "--user", "mdms");
        String password = BenchApi.arg(args, "--password", "");
        long storedAfterBurst = stored(jdbc, user, password, ids);
        // stored may exceed acknowledged only by batches whose answer was lost (I/O errors); never fall short
        System.out.printf("BENCH ingest burst nothing acknowledged lost: stored %d, acknowledged (accepted by a 200) "
                + "%d: %s%n", storedAfterBurst, accepted.get(), storedAfterBurst < accepted.get() ? "NO"
                : storedAfterBurst == accepted.get() ? "yes, equal" : "yes, and some whose answer was lost");
        long resent = 0;
        for (Batch b : refused) {
            BenchApi.sendWithRetry(HTTP, BenchApi.measurements(url, ids[b.device()], credentials[b.device()],
                    json(start, b)));
            resent++;
        }
        long storedAtEnd = stored(jdbc, user, password, ids);
        System.out.printf("BENCH ingest burst after resending the %d refused batches: stored %d of %d readings "
                + "offered: %s%n", resent, storedAtEnd, totalReadings, storedAtEnd == totalReadings ? "all" : "NOT ALL");
        System.exit(0);
    }

    static void count(HttpResponse<String> answer, Throwable failure, Batch b, AtomicLong ok, AtomicLong accepted,
                      AtomicLong busy429, AtomicLong busy503, AtomicLong withoutRetryAfter, AtomicLong other,
                      AtomicLong failed, Queue<Batch> refused) {
        if (failure != null) {
            failed.incrementAndGet();
            refused.add(b);
        } else if (answer.statusCode() == 200) {
            ok.incrementAndGet();
            accepted.addAndGet(Long.parseLong(BenchApi.field(answer.body(), "accepted")));
        } else if (answer.statusCode() == 429 || answer.statusCode() == 503) {
            (answer.statusCode() == 429 ? busy429 : busy503).incrementAndGet();
            if (answer.headers().firstValue("Retry-After").isEmpty()) {
                withoutRetryAfter.incrementAndGet();
            }
            refused.add(b);
        } else {
            other.incrementAndGet();
            refused.add(b);
            System.out.println("unexpected answer " + answer.statusCode() + " " + answer.body());
        }
    }

    static String metrics(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long sum(Pattern metric, String text) {
        Matcher m = metric.matcher(text);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    static long stored(String jdbc, String user, String password, long[] devices) throws Exception {
        StringBuilder in = new StringBuilder();
        for (long d : devices) {
            in.append(in.isEmpty() ? "" : ",").append(d);
        }
        try (Connection c = DriverManager.getConnection(jdbc, user, password);
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM vital_sign WHERE source_device IN ("
                     + in + ")");
             ResultSet rows = st.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Readings first .. first+count-1 of a device: 4 types per instant, 1 ms apart, never repeated. */
    static String json(Instant start, Batch b) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < b.count(); i++) {
            int k = b.first() + i;
            String type = TYPES[k % 4];
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"value\":")
                    .append(switch (type) {
                        case "HEART_RATE" -> "72";
                        case "SPO2" -> "97";
                        case "TEMPERATURE" -> "36.8";
                        default -> "120,\"secondaryValue\":80";
                    });
            body.append(",\"measuredAt\":\"").append(start.plusMillis(k / 4)).append("\"}");
        }
        return body.append("]").toString();
    }
}
