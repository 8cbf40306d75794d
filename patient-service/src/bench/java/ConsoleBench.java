import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console benchmark (patient-service/README.md, "Console benchmark"): issue 14's heavy chart and the pages a
 * browser loads, measured with a console session signed in through /ui like a browser (CSRF included).
 * <p>
 * {@code fixture}: gives one patient the heavy chart through the API (the demo doctor opens 100 visits, writes 3
 * prescriptions with 1-4 items on each and closes it; 2,000 vital signs as 4 device batches of 500; with
 * --imaging-url, 50 JPEG images uploaded to imaging-service), so every row has its change event as any API write.
 * <p>
 * {@code measure}: the chart page and the search-as-you-type fragment (closed loop after a warm-up; latency per
 * request on loopback, which is the server's time plus a loopback round trip), then the bytes on the wire of each
 * page with the Accept-Encoding of a browser, and the page's CSS/JS counted once, as on a first visit.
 * <p>
 * Run with the JDK's source launcher; loopback targets only, every loop bounded in time (at most 300 s).
 */
public class ConsoleBench {

    /** What Chrome sends; --accept-encoding identity measures the same pages uncompressed. */
    private static String BROWSER_ENCODINGS = "gzip, deflate, br, zstd";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(3)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        String patientUrl = loopback(o.getOrDefault("patient-url", "http://127.0.0.1:8081"));
        String imagingUrl = o.containsKey("imaging-url") ? loopback(o.get("imaging-url")) : null;
        long patientId = Long.parseLong(o.getOrDefault("patient-id", "1"));
        String user = o.getOrDefault("user", "doctor");
        BROWSER_ENCODINGS = o.getOrDefault("accept-encoding", BROWSER_ENCODINGS);
        if (o.containsKey("cpu") && !o.get("cpu").isBlank()) {
            for (String named : o.get("cpu").split(",")) {
                CPU_PIDS.put(named.split("=")[0], Long.parseLong(named.split("=")[1]));
            }
        }
        String password = o.getOrDefault("password", "mdms-demo");
        switch (args[0]) {
            case "fixture" -> fixture(patientUrl, imagingUrl, patientId, user, password,
                    Integer.parseInt(o.getOrDefault("images", "50")));
            case "measure" -> measure(patientUrl, imagingUrl, patientId, user, password,
                    Math.min(300, Integer.parseInt(o.getOrDefault("duration", "30"))),
                    Math.min(120, Integer.parseInt(o.getOrDefault("warmup", "15"))),
                    Integer.parseInt(o.getOrDefault("callers", "1")), o.getOrDefault("only", "chart,search,bytes,gallery"));
            default -> throw new IllegalArgumentException("fixture | measure, got " + args[0]);
        }
    }

    // --- the heavy chart, through the API

    static void fixture(String base, String imagingUrl, long patientId, String user, String password, int images)
            throws Exception {
        long t0 = System.nanoTime();
        String token = json(send(post(base + "/api/v1/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")), "access_token");
        // 403 until the doctor has a visit with the patient (the care relationship): then there is no chart yet
        HttpResponse<String> existing = HTTP.send(get(base + "/api/v1/visits?patientId=" + patientId + "&size=1",
                token), HttpResponse.BodyHandlers.ofString());
        if (existing.statusCode() == 200 && !existing.body().contains("\"totalItems\":0")) {
            System.out.println("BENCH fixture: patient " + patientId + " already has visits (a reused database); kept");
            return;
        }
        long staffId = Long.parseLong(claim(token, "staff_id"));
        String staff = send(get(base + "/api/v1/staff/" + staffId, token));
        long departmentId = Long.parseLong(json(staff, "departmentId"));
        String drugsBody = send(get(base + "/api/v1/drugs?size=200&active=true", token));
        List<Long> drugs = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"code\"").matcher(drugsBody);
        while (m.find()) {
            drugs.add(Long.parseLong(m.group(1)));
        }
        if (drugs.isEmpty()) {
            throw new IllegalStateException("no drugs in the catalogue: " + drugsBody);
        }
        SplittableRandom random = new SplittableRandom(14);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Long> visits = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        int prescriptions = 0;
        int items = 0;
        for (int v = 0; v < 100; v++) {
            Instant start = now.minus((100 - v) * 7L, ChronoUnit.DAYS).plus(random.nextInt(480), ChronoUnit.MINUTES);
            long visitId = Long.parseLong(json(send(post(base + "/api/v1/visits", token, String.format(Locale.ROOT,
                    "{\"patientId\":%d,\"doctorId\":%d,\"departmentId\":%d,\"type\":\"OUTPATIENT\",\"startedAt\":\"%s\","
                            + "\"chiefComplaint\":\"胸闷、气短，复诊第%d次\",\"diagnosis\":\"原发性高血压\",\"diagnosisCode\":\"I10\"}",
                    patientId, staffId, departmentId, start, v + 1))), "id"));
            visits.add(visitId);
            starts.add(start);
            for (int p = 0; p < 3; p++) {
                int lines = 1 + random.nextInt(4);
                StringBuilder body = new StringBuilder("{\"visitId\":" + visitId + ",\"note\":\"饭后服用\",\"items\":[");
                for (int i = 0; i < lines; i++) {
                    body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                            "{\"drugId\":%d,\"quantity\":%d,\"dosage\":\"每次1片\",\"frequency\":\"每日%d次\",\"days\":%d}",
                            drugs.get(random.nextInt(drugs.size())), 1 + random.nextInt(30), 1 + random.nextInt(3),
                            1 + random.nextInt(14)));
                }
                send(post(base + "/api/v1/prescriptions", token, body.append("]}").toString()));
                prescriptions++;
                items += lines;
            }
            send(post(base + "/api/v1/visits/" + visitId + "/close", token,
                    "{\"endedAt\":\"" + start.plus(40, ChronoUnit.MINUTES) + "\"}"));
        }
        String[] types = {"HEART_RATE", "BLOOD_PRESSURE", "SPO2", "TEMPERATURE"};
        int readings = 0;
        for (int batch = 0; batch < 4; batch++) {
            StringBuilder body = new StringBuilder("{\"readings\":[");
            for (int r = 0; r < 500; r++) {
                int n = batch * 500 + r;
                int visit = n / 20;
                String type = types[n % 4];
                boolean abnormal = random.nextInt(12) == 0;
                String value = switch (type) {
                    case "HEART_RATE" -> String.valueOf(abnormal ? 110 + random.nextInt(30) : 62 + random.nextInt(30));
                    case "BLOOD_PRESSURE" -> (abnormal ? 145 + random.nextInt(30) : 105 + random.nextInt(30))
                            + ",\"secondaryValue\":" + (65 + random.nextInt(20));
                    case "SPO2" -> String.valueOf(abnormal ? 88 + random.nextInt(6) : 95 + random.nextInt(5));
                    default -> (abnormal ? "38." : "36.") + random.nextInt(10);
                };
                body.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"patientId\":%d,\"visitId\":%d,\"type\":\"%s\",\"value\":%s,\"measuredAt\":\"%s\"}",
                        patientId, visits.get(visit), type, value, starts.get(visit).plus(n % 20 * 2L, ChronoUnit.MINUTES)));
                readings++;
            }
            send(post(base + "/api/v1/vital-signs/batch", token, body.append("]}").toString()));
        }
        System.out.printf(Locale.ROOT, "BENCH fixture patient %d: %d visits, %d prescriptions with %d items, %d vital "
                        + "signs through the API as %s in %.1f s%n", patientId, visits.size(), prescriptions, items,
                readings, user, (System.nanoTime() - t0) / 1e9);
        if (imagingUrl != null) {
            long t1 = System.nanoTime();
            String[] categories = {"EXAM_REPORT", "DIAGNOSTIC_IMAGE", "LAB_SHEET", "ECG", "RECORD_PHOTO"};
            for (int i = 0; i < images; i++) {
                upload(imagingUrl, token, patientId, visits.get(i * visits.size() / images), categories[i % 5],
                        "检查图像 " + (i + 1), jpeg(i));
            }
            System.out.printf(Locale.ROOT, "BENCH fixture patient %d: %d images uploaded to imaging-service in %.1f s%n",
                    patientId, images, (System.nanoTime() - t1) / 1e9);
        }
    }

    private static byte[] jpeg(int n) throws Exception {
        BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20 + n * 4, 40, 90), 1600, 1200, new Color(230, 220 - n * 3, 200)));
        g.fillRect(0, 0, 1600, 1200);
        g.setColor(Color.WHITE);
        g.drawString("MDMS bench image " + n, 100, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static void upload(String base, String token, long patientId, long visitId, String category, String title,
                               byte[] bytes) throws Exception {
        String boundary = "----mdms-bench-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("patientId", String.valueOf(patientId));
        fields.put("visitId", String.valueOf(visitId));
        fields.put("category", category);
        fields.put("title", title);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/images")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    // --- the measurements, with a console session

    static void measure(String base, String imagingUrl, long patientId, String user, String password, int seconds,
                        int warmup, int callers, String only) throws Exception {
        String cookies = signIn(base, user, password);
        String chart = base + "/ui/patients/" + patientId;
        HttpResponse<byte[]> page = browserGet(chart, cookies, false);
        if (page.statusCode() != 200) {
            throw new IllegalStateException("chart answered " + page.statusCode());
        }
        String html = new String(decoded(page), StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "BENCH chart of patient %d as %s: %d visits, %d prescription blocks, %d vital-sign "
                        + "rows shown%n", patientId, user, count(html, "<li class=\"visit-"), count(html, "<article"),
                count(html, "data-at="));

        if (only.contains("chart")) {
            loop("GET /ui/patients/" + patientId + " (the chart)", i -> browserRequest(chart, cookies, false),
                    callers, warmup, seconds);
        }
        List<String> prefixes = only.contains("search") || only.contains("bytes") ? prefixes(base, cookies) : List.of();
        if (only.contains("search")) {
            searches(base, cookies, prefixes, callers, warmup, seconds);
        }
        String gallery = imagingUrl == null ? null : imagingUrl + "/ui/patients/" + patientId + "/images";
        if (only.contains("bytes")) {
            System.out.println("BENCH bytes on the wire (status line, headers and body as sent; Accept-Encoding: "
                    + BROWSER_ENCODINGS + "); a first visit adds the page's own CSS/JS/icon, each fetched once");
            Map<String, Long> assetBytes = new LinkedHashMap<>();
            String query = URLEncoder.encode(prefixes.get(0), StandardCharsets.UTF_8);
            wire("chart", chart, cookies, false, assetBytes);
            wire("patient search page", base + "/ui/patients?q=" + query, cookies, false, assetBytes);
            wire("search fragment (htmx)", base + "/ui/patients?q=" + query, cookies, true, assetBytes);
            wire("home", base + "/ui/home", cookies, false, assetBytes);
            if (gallery != null) {
                wire("image gallery (imaging-service; thumbnails not counted)", gallery, cookies, false, assetBytes);
            }
            assetBytes.forEach((asset, bytes) -> System.out.printf(Locale.ROOT, "BENCH   asset %-62s %8d bytes%n",
                    asset, bytes));
        }
        if (gallery != null && only.contains("gallery")) {
            loop("GET " + gallery.substring(gallery.indexOf("/ui/")) + " (imaging-service's gallery, first page of 24)",
                    i -> browserRequest(gallery, cookies, false), callers, warmup, seconds);
        }
    }

    /** The search-as-you-type fragment, all prefixes in turn, then each kind of prefix alone. */
    static void searches(String base, String cookies, List<String> prefixes, int callers, int warmup, int seconds)
            throws Exception {
        loop("GET /ui/patients?q=<1-3 characters of names, MRNs, phones> with HX-Request (search as you type, "
                        + prefixes.size() + " prefixes in turn)",
                i -> browserRequest(base + "/ui/patients?q=" + URLEncoder.encode(prefixes.get(i % prefixes.size()),
                        StandardCharsets.UTF_8), cookies, true), callers, warmup, seconds);
        for (String kind : List.of("name", "MRN", "phone")) {
            List<String> some = prefixes.stream().filter(p -> kindOf(p).equals(kind)).toList();
            loop("  of which " + kind + " prefixes (" + String.join(" ", some) + ")",
                    i -> browserRequest(base + "/ui/patients?q=" + URLEncoder.encode(some.get(i % some.size()),
                            StandardCharsets.UTF_8), cookies, true), callers, Math.min(warmup, 3), Math.max(5, seconds / 3));
        }
    }

    /** GET /ui/sign-in for the CSRF cookie and field, then the form, as a browser posts it. */
    static String signIn(String base, String user, String password) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ui/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String csrfCookie = cookie(form, "mdms_csrf");
        Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        if (csrfCookie == null || !field.find()) {
            throw new IllegalStateException("no CSRF cookie or field on /ui/sign-in");
        }
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf=" + URLEncoder.encode(field.group(1),
                StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "mdms_csrf=" + csrfCookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String session = cookie(signedIn, "mdms_session");
        if (signedIn.statusCode() != 303 || session == null) {
            throw new IllegalStateException("sign-in answered " + signedIn.statusCode() + " without a session");
        }
        System.out.println("BENCH signed in through /ui as " + user + " (CSRF cookie + field, session cookie)");
        return "mdms_csrf=" + csrfCookie + "; mdms_session=" + session;
    }

    /** Prefixes a user types: 1-3 characters of real names and MRNs (from the search itself) and of mobile numbers. */
    static List<String> prefixes(String base, String cookies) throws Exception {
        List<String> prefixes = new ArrayList<>();
        String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄"};
        for (String surname : surnames) {
            String page = new String(decoded(browserGet(base + "/ui/patients?q=" + URLEncoder.encode(surname,
                    StandardCharsets.UTF_8), cookies, true)), StandardCharsets.UTF_8);
            Matcher name = Pattern.compile("class=\"patient-link\">([^<]{3,})</a>").matcher(page);
            Matcher mrn = Pattern.compile("(MRN\\d{10})").matcher(page);
            prefixes.add(surname);
            if (name.find()) {
                prefixes.add(name.group(1).substring(0, 2));
                prefixes.add(name.group(1).substring(0, 3));
            }
            if (mrn.find() && prefixes.stream().noneMatch(p -> kindOf(p).equals("MRN"))) {
                for (int n = 1; n <= 3; n++) {
                    prefixes.add(mrn.group(1).substring(0, n));
                }
            }
        }
        // the search never shows phones; mobile numbers start with 1 and a prefix of seed/mobile-prefixes.tsv
        prefixes.addAll(List.of("1", "13", "139", "15", "158", "18", "186"));
        return prefixes.stream().distinct().toList();
    }

    private static String kindOf(String prefix) {
        return Character.isDigit(prefix.charAt(0)) ? "phone" : prefix.startsWith("M") ? "MRN" : "name";
    }

    /** One page's bytes, and with its CSS/JS/icon (each fetched once per run, as the browser's cache would). */
    private static void wire(String what, String url, String cookies, boolean htmx, Map<String, Long> assetBytes)
            throws Exception {
        HttpResponse<byte[]> response = browserGet(url, cookies, htmx);
        String html = new String(decoded(response), StandardCharsets.UTF_8);
        Matcher link = Pattern.compile("<(?:script|link)[^>]*(?:src|href)=\"([^\"]+\\.(?:js|css|svg))\"").matcher(html);
        String origin = url.substring(0, url.indexOf('/', url.indexOf("//") + 2));
        long assets = 0;
        while (link.find()) {
            String asset = link.group(1).startsWith("/") ? origin + link.group(1) : link.group(1);
            if (!assetBytes.containsKey(asset)) {
                assetBytes.put(asset, wireBytes(browserGet(asset, cookies, false)));
            }
            assets += assetBytes.get(asset);
        }
        long page = wireBytes(response);
        System.out.printf(Locale.ROOT, "BENCH   %-52s status %d: %7d bytes (%s; %7d bytes of HTML); first visit "
                        + "with its CSS/JS: %7d bytes%n", what, response.statusCode(), page,
                response.headers().firstValue("Content-Encoding").orElse("not compressed"),
                html.getBytes(StandardCharsets.UTF_8).length, page + assets);
    }

    // --- HTTP as a browser sends it

    static HttpRequest browserRequest(String url, String cookies, boolean htmx) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Cookie", cookies).header("Accept", "text/html,*/*;q=0.8")
                .header("Accept-Encoding", BROWSER_ENCODINGS);
        if (htmx) {
            b.header("HX-Request", "true");
        }
        return b.GET().build();
    }

    static HttpResponse<byte[]> browserGet(String url, String cookies, boolean htmx) throws Exception {
        return HTTP.send(browserRequest(url, cookies, htmx), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as sent (compressed or not) plus the status line and headers, as HTTP/1.1 puts them on the wire. */
    static long wireBytes(HttpResponse<byte[]> response) {
        long headers = "HTTP/1.1 200 OK\r\n".length() + 2;
        for (Map.Entry<String, List<String>> h : response.headers().map().entrySet()) {
            for (String value : h.getValue()) {
                headers += h.getKey().length() + 2 + value.getBytes(StandardCharsets.UTF_8).length + 2;
            }
        }
        return headers + response.body().length;
    }

    static byte[] decoded(HttpResponse<byte[]> response) throws Exception {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("");
        if (encoding.equals("gzip")) {
            return new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes();
        }
        if (encoding.equals("deflate")) {
            return new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes();
        }
        if (!encoding.isEmpty()) {
            throw new IllegalStateException("cannot decode " + encoding);
        }
        return response.body();
    }

    /** Processes whose CPU time is counted per request (--cpu name=pid,name=pid): on a shared machine the CPU a
     * request costs says more than its latency, which includes waiting for the cores. */
    static final Map<String, Long> CPU_PIDS = new LinkedHashMap<>();

    /** Closed loop: `callers` threads back to back; a warm-up first, then latency per request. */
    static void loop(String what, IntFunction<HttpRequest> next, int callers, int warmup, int seconds) throws Exception {
        if (warmup > 0) {
            run(next, callers, warmup);
        }
        Map<String, Long> cpuBefore = cpuTimes();
        long[] latencies = run(next, callers, seconds);
        Map<String, Long> cpuAfter = cpuTimes();
        long errors = latencies[latencies.length - 1];
        long[] sorted = Arrays.copyOf(latencies, latencies.length - 1);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "BENCH %s, closed loop, %d caller(s), warm-up %d s, measured %d s: %d requests "
                        + "(%.1f/s), %d not 200; ms p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n", what, callers, warmup,
                seconds, sorted.length, sorted.length / (double) seconds, errors, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        if (!cpuBefore.isEmpty() && sorted.length > 0) {
            StringBuilder cpu = new StringBuilder("BENCH   CPU per request:");
            cpuBefore.forEach((name, ms) -> cpu.append(String.format(Locale.ROOT, " %s %.1f ms", name,
                    (cpuAfter.get(name) - ms) / (double) sorted.length)));
            System.out.println(cpu);
        }
    }

    /** utime + stime of each --cpu process, in ms (clock ticks of 10 ms). */
    private static Map<String, Long> cpuTimes() throws Exception {
        Map<String, Long> times = new LinkedHashMap<>();
        for (Map.Entry<String, Long> p : CPU_PIDS.entrySet()) {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.getValue() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            times.put(p.getKey(), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
        }
        return times;
    }

    private static long[] run(IntFunction<HttpRequest> next, int callers, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
        long[] errors = new long[callers];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads[c] = new Thread(() -> {
                int i = caller;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = HTTP.send(next.apply(i), HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                            errors[caller]++;
                        }
                    } catch (Exception e) {
                        errors[caller]++;
                    }
                    all.add((System.nanoTime() - t0) / 1000);
                    i += callers;
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] out = new long[all.size() + 1];
        int n = 0;
        for (long l : all) {
            out[n++] = l;
        }
        out[n] = Arrays.stream(errors).sum();
        return out;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    // --- small helpers

    private static HttpRequest post(String url, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String json(String body, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"?([^\",}]+)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + body);
        }
        return m.group(1);
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return json(payload, name);
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                return header.substring(name.length() + 1, header.indexOf(';') < 0 ? header.length() : header.indexOf(';'));
            }
        }
        return null;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static String loopback(String url) {
        String host = URI.create(url).getHost();
        if (!List.of("127.0.0.1", "localhost", "::1", "[::1]").contains(host)) {
            throw new IllegalArgumentException("loopback targets only: " + url);
        }
        return url;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }
}
