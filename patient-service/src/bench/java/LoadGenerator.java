import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small HTTP load generator for the patient-service read benchmark (patient-service/README.md, "Benchmark").
 * <p>
 * Open loop ({@code --rate R}): request i is due at start + i/R and its latency is measured from that due time, not
 * from when it was actually sent, so a slow server cannot hide its queueing delay (no coordinated omission).
 * Closed loop ({@code --concurrency C}, no --rate): C callers send back to back, to find the most requests/s.
 * Loopback targets only, bounded in duration (at most 300 s) and in requests in flight.
 * <p>
 * Run with the JDK's source launcher:
 * {@code java patient-service/src/bench/java/LoadGenerator.java --mode id --rate 500 --duration 30 --max-id 1000000}
 */
public class LoadGenerator {

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
            "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};

    // second characters of common given names, for two-character prefixes (--prefix-chars 2)
    private static final String[] GIVEN = {"伟", "秀", "建", "明", "丽", "静", "华", "文", "国", "志", "海", "芳",
            "玉", "春", "晓", "佳", "子", "思", "雅", "俊"};

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String base = o.getOrDefault("url", "http://127.0.0.1:8081");
        URI baseUri = URI.create(base);
        if (!List.of("127.0.0.1", "localhost", "::1", "[::1]").contains(baseUri.getHost())) {
            throw new IllegalArgumentException("loopback targets only: " + base);
        }
        String mode = o.getOrDefault("mode", "id");
        int rate = Integer.parseInt(o.getOrDefault("rate", "0"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "16"));
        int duration = Math.min(300, Integer.parseInt(o.getOrDefault("duration", "30")));
        int warmup = Math.min(60, Integer.parseInt(o.getOrDefault("warmup", "5")));
        long minId = Long.parseLong(o.getOrDefault("min-id", "1"));
        long maxId = Long.parseLong(o.getOrDefault("max-id", "1000"));
        int maxInFlight = Integer.parseInt(o.getOrDefault("max-in-flight", "2000"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        String user = o.getOrDefault("user", "admin");
        String password = o.getOrDefault("password", "mdms-demo");
        String token = o.containsKey("token") ? o.get("token") : login(http, base, user, password);
        SplittableRandom random = new SplittableRandom(42);
        boolean twoChars = o.getOrDefault("prefix-chars", "1").equals("2");
        // --ids 3,17,42: read only these patients (e.g. the ones the signed-in doctor treats)
        long[] ids = o.containsKey("ids") ? Arrays.stream(o.get("ids").split(",")).mapToLong(Long::parseLong).toArray()
                : null;
        String loginBody = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        java.util.function.Supplier<HttpRequest> next = () -> {
            if (mode.equals("login")) {
                return HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(loginBody)).build();
            }
            String path = mode.equals("name")
                    ? "/api/v1/patients?name=" + URLEncoder.encode(SURNAMES[random.nextInt(SURNAMES.length)]
                    + (twoChars ? GIVEN[random.nextInt(GIVEN.length)] : "")
                   , StandardCharsets.UTF_8) + "&size=20"
                    : "/api/v1/patients/" + (ids != null ? ids[random.nextInt(ids.length)]
                    : random.nextLong(minId, maxId + 1));
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build();
        };

        String what = switch (mode) {
            case "login" -> "POST /api/v1/auth/login as " + user;
            case "name" -> "GET /api/v1/patients?name=<" + (twoChars ? "surname + 1 character" : "surname") + ">";
            default -> "GET /api/v1/patients/{id} as " + user + " (" + (ids != null ? ids.length + " given ids"
                    : "ids " + minId + ".." + maxId) + ")";
        };
        System.out.printf(Locale.ROOT, "BENCH %s %s, %s, warm-up %d s, measured %d s%n", what,
                rate > 0 ? "open loop at " + rate + " req/s" : "closed loop with " + concurrency + " callers",
                rate > 0 ? "latency from the intended send time" : "latency per request", warmup, duration);
        if (warmup > 0) {
            Result ignored = rate > 0 ? openLoop(http, next, rate, warmup, maxInFlight)
                    : closedLoop(http, next, concurrency, warmup);
        }
        Result result = rate > 0 ? openLoop(http, next, rate, duration, maxInFlight)
                : closedLoop(http, next, concurrency, duration);
        result.print();
    }

    record Result(long[] latenciesMicros, long ok, long errors, long dropped, double seconds, Map<Integer, Long> statuses) {
        void print() {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "BENCH requests %d ok, %d errors, %d not sent (too many in flight) in %.1f s: "
                            + "%.1f req/s%n", ok, errors, dropped, seconds, ok / seconds);
            if (sorted.length > 0) {
                System.out.printf(Locale.ROOT, "BENCH latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                        pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9),
                        sorted[sorted.length - 1] / 1000.0);
            }
            if (!statuses.isEmpty()) {
                System.out.println("statuses: " + statuses);
            }
        }

        private static double pct(long[] sorted, double p) {
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }
    }

    private static Result openLoop(HttpClient http, java.util.function.Supplier<HttpRequest> next, int rate,
                                   int seconds, int maxInFlight) throws InterruptedException {
        long total = (long) rate * seconds;
        long[] latencies = new long[(int) total];
        AtomicLong recorded = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long dropped = 0;
        Map<Integer, Long> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                dropped++;
                continue;
            }
            http.sendAsync(next.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                long micros = (System.nanoTime() - due) / 1000;
                inFlight.release();
                int slot = (int) recorded.getAndIncrement();
                latencies[slot] = micros;
                if (failure == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    statuses.merge(failure == null ? response.statusCode() : -1, 1L, Long::sum);
                }
            });
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(Arrays.copyOf(latencies, (int) recorded.get()), ok.get(), errors.get(), dropped, elapsed,
                statuses);
    }

    private static Result closedLoop(HttpClient http, java.util.function.Supplier<HttpRequest> next, int callers,
                                     int seconds) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<Integer, Long> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            threads[c] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request;
                    synchronized (next) {
                        request = next.get();
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            statuses.merge(response.statusCode(), 1L, Long::sum);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        statuses.merge(-1, 1L, Long::sum);
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = (System.nanoTime() - t0) / 1000;
                }
                all.add(Arrays.copyOf(mine, n));
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(latencies, ok.get(), errors.get(), 0, (System.nanoTime() - start) / 1e9, statuses);
    }

    private static String login(HttpClient http, String base, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return token.group(1);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(key, args[++i]);
            } else {
                options.put(key, "true");
            }
        }
        return options;
    }
}
