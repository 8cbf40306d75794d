package org.mdms.imaging.bench;

import io.minio.MakeBucketArgs;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload benchmark (not a test): N uploads of ~1 MB 3000x2000 JPEGs at concurrency C through imaging-service's
 * API, against a plain S3 PUT of the same bytes to the same store in the same run; the per-step time split comes
 * from the service's own timers (/q/metrics, mdms_image_upload_step_seconds).
 * <p>
 * Args: imagingUrl patientUrl s3Endpoint s3AccessKey s3SecretKey [uploads=200] [concurrency=4] [asyncImagingUrl]
 * <p>
 * With asyncImagingUrl (an instance running mdms.imaging.thumbnails.mode=async on the same database and store) the
 * same uploads are also measured with thumbnails out of the upload, plus the time until every thumbnail is READY.
 */
public final class UploadBench {

    public static void main(String[] args) throws Exception {
        String imaging = args[0];
        String patient = args[1];
        String s3 = args[2];
        int uploads = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        int concurrency = args.length > 6 ? Integer.parseInt(args[6]) : 4;
        // optional: a second imaging-service started with mdms.imaging.thumbnails.mode=async (same DB and store)
        String asyncImaging = args.length > 7 ? args[7] : null;
        // "deferred": that instance delays its renders (MDMS_IMAGING_THUMBNAILS_DELAY), so the burst measures the
        // upload's critical path alone, without the renderer competing for the CPU; no backlog figure then
        boolean deferred = args.length > 8 && args[8].equals("deferred");
        // uploads (and PUTs) before each measured burst, so the JIT has compiled the hot paths of every process:
        // with 40, C2 compilation was still about a third of the services' CPU during the burst
        int warmUp = Integer.getInteger("bench.warmup", 300);
        // the async instance keeps compiling longer (C2 on two cores): it may get a longer warm-up of its own
        int asyncWarmUp = Integer.getInteger("bench.async-warmup", warmUp);
        // -Dbench.sync=false skips the sync-mode burst (quicker runs while working on the async path)
        boolean syncMode = Boolean.parseBoolean(System.getProperty("bench.sync", "true"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        String token = login(http, patient, "admin");
        long patientId = firstPatient(http, patient, token);

        // distinct pictures so nothing is served from a cache; about 1 MB each
        List<byte[]> pictures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pictures.add(BenchImages.jpeg(BenchImages.noisy(3000, 2000, i, 9), 0.86f));
        }
        double avgKb = pictures.stream().mapToInt(b -> b.length).average().orElse(0) / 1024;
        System.out.printf("pictures: 8 distinct 3000x2000 JPEGs, average %.0f KB%n", avgKb);
        // the request bodies are built once, as the PUTs' byte arrays are: the load generator's own work stays small
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] picture : pictures) {
            bodies.add(multipart(patientId, picture));
        }

        // 1. sync mode (thumbnail + preview made during the upload); warm-up first: JIT, connection pools
        ProcessCpu cpu = new ProcessCpu();
        Result up = null;
        Map<String, double[]> before = null;
        Map<String, double[]> after = null;
        Map<String, Double> cpuBefore = null;
        Map<String, Double> cpuAfter = null;
        if (syncMode) {
            phase("sync: warm-up, %d uploads", warmUp);
            run(concurrency, warmUp, i -> upload(http, imaging, token, bodies.get(i % 8)));
            before = steps(http, imaging);
            cpuBefore = cpu.snapshot();
            phase("sync: measured burst, %d uploads", uploads);
            up = run(concurrency, uploads, i -> upload(http, imaging, token, bodies.get(i % 8)));
            cpuAfter = cpu.snapshot();
            after = steps(http, imaging);
        }

        // 2. async mode: the upload stores the original and the row; a background worker renders afterwards
        Result async = null;
        Map<String, double[]> asyncBefore = null;
        Map<String, double[]> asyncAfter = null;
        Map<String, Double> asyncCpuBefore = null;
        Map<String, Double> asyncCpuAfter = null;
        double drainSeconds = 0;
        if (asyncImaging != null) {
            phase("async: warm-up, %d uploads", asyncWarmUp);
            run(concurrency, asyncWarmUp, i -> upload(http, asyncImaging, token, bodies.get(i % 8)));
            // let the warm-up's renders finish, so they do not eat into the measured burst
            if (!deferred) {
                awaitRendered(http, asyncImaging, asyncWarmUp, 600);
            }
            asyncBefore = steps(http, asyncImaging);
            double renderedBefore = rendered(http, asyncImaging);
            long burstStart = System.nanoTime();
            asyncCpuBefore = cpu.snapshot();
            phase("async: measured burst, %d uploads", uploads);
            async = run(concurrency, uploads, i -> upload(http, asyncImaging, token, bodies.get(i % 8)));
            asyncCpuAfter = cpu.snapshot();
            asyncAfter = steps(http, asyncImaging);
            if (!deferred) {
                awaitRendered(http, asyncImaging, renderedBefore + uploads - async.errors, 1200);
                drainSeconds = (System.nanoTime() - burstStart) / 1e9;
            }
        }

        // 3. plain S3 PUT of the same bytes to the same store at the same concurrency
        MinioClient minio = MinioClient.builder().endpoint(s3).credentials(args[3], args[4]).region("us-east-1").build();
        String bucket = "bench-plain-put";
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        phase("plain S3 PUT: warm-up, %d puts", warmUp);
        run(concurrency, warmUp, i -> put(minio, bucket, "warm/" + i, pictures.get(i % 8)));
        Map<String, Double> putCpuBefore = cpu.snapshot();
        phase("plain S3 PUT: measured burst, %d puts", uploads);
        Result put = run(concurrency, uploads, i -> put(minio, bucket, "bench/" + i + ".jpg", pictures.get(i % 8)));
        Map<String, Double> putCpuAfter = cpu.snapshot();

        System.out.println();
        if (up != null) {
            System.out.printf("BENCH upload, thumbnails sync   : %d uploads, concurrency %d: %.1f uploads/s, p50 %.0f ms, p99 %.0f ms, errors %d%n",
                    uploads, concurrency, up.perSecond(), up.percentile(50), up.percentile(99), up.errors);
        }
        if (async != null) {
            System.out.printf("BENCH upload, thumbnails async  : %d uploads, concurrency %d: %.1f uploads/s, p50 %.0f ms, p99 %.0f ms, errors %d%n",
                    uploads, concurrency, async.perSecond(), async.percentile(50), async.percentile(99), async.errors);
            if (deferred) {
                System.out.println("  (renders deferred: the renderer did not run during the burst)");
            } else {
                System.out.printf("BENCH async backlog: all %d thumbnails READY %.1f s after the burst started (%.1f images/s end to end)%n",
                        uploads - async.errors, drainSeconds, (uploads - async.errors) / drainSeconds);
            }
        }
        System.out.printf("BENCH plain S3 PUT (same bytes)  : %d puts, concurrency %d: %.1f puts/s, p50 %.0f ms, p99 %.0f ms, errors %d%n",
                uploads, concurrency, put.perSecond(), put.percentile(50), put.percentile(99), put.errors);
        if (up != null) {
            System.out.printf("BENCH ratio upload/PUT, full pipeline (sync thumbnails): %.2f%n", up.perSecond() / put.perSecond());
        }
        if (async != null) {
            System.out.printf("BENCH ratio upload/PUT, thumbnails out of the upload (async, measured): %.2f%n",
                    async.perSecond() / put.perSecond());
            if (!deferred) {
                System.out.printf("BENCH ratio images fully processed/PUT (async, until the last thumbnail is READY): %.2f%n",
                        (uploads - async.errors) / drainSeconds / put.perSecond());
            }
        }

        if (up != null) {
            split("sync", before, after, uploads, up);
        }
        if (async != null) {
            split("async", asyncBefore, asyncAfter, uploads, async);
        }
        if (cpu.available()) {
            System.out.println("where the machine's CPU went (user + system time of each process during the burst):");
            if (up != null) {
                ProcessCpu.print("upload, thumbnails sync", cpuBefore, cpuAfter, uploads);
            }
            if (async != null) {
                ProcessCpu.print("upload, thumbnails async" + (deferred ? " (renders deferred)" : ""),
                        asyncCpuBefore, asyncCpuAfter, uploads);
            }
            ProcessCpu.print("plain S3 PUT", putCpuBefore, putCpuAfter, uploads);
        }
        // the HTTP clients' idle connection threads would keep the JVM alive for minutes
        System.exit(0);
    }

    /** Progress on standard output (a run takes minutes; profilers can also wait for these lines). */
    private static void phase(String format, int count) {
        System.out.printf("-- %s %s%n", java.time.LocalTime.now().withNano(0), String.format(format, count));
    }

    private static void split(String mode, Map<String, double[]> before, Map<String, double[]> after,
                              int uploads, Result result) {
        System.out.println("time split per upload, " + mode + " (mean of the service's step timers):");
        double total = 0;
        for (String step : List.of("hash", "inspect", "thumbnail", "storage", "database")) {
            double[] b = before.getOrDefault(step, new double[2]);
            double[] a = after.getOrDefault(step, new double[2]);
            if (a[1] == b[1]) {
                continue; // a step this mode does not take
            }
            // database is recorded twice per upload (id, then row): per upload, add them up
            double perUpload = (a[0] - b[0]) * 1000 / uploads;
            total += perUpload;
            String label = switch (step) {
                case "thumbnail" -> "decode + thumbnail/preview";
                case "inspect" -> "image header check";
                default -> step;
            };
            System.out.printf("  %-28s %7.1f ms%n", label, perUpload);
        }
        System.out.printf("  %-28s %7.1f ms (client-side mean %.1f ms; the rest is HTTP, multipart, peer checks)%n",
                "sum of steps", total, result.mean());
    }

    /** Thumbnails rendered by the async worker so far (its timer's count in /q/metrics). */
    static double rendered(HttpClient http, String imaging) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(imaging + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("mdms_image_thumbnail_render_seconds_count(\\{[^}]*})?\\s+([0-9.eE+-]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    static void awaitRendered(HttpClient http, String imaging, double count, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        while (rendered(http, imaging) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("async thumbnails: fewer than " + count + " rendered after "
                        + maxSeconds + " s");
            }
            Thread.sleep(100);
        }
    }

    interface Call {
        int run(int i) throws Exception;
    }

    record Result(List<Double> millis, double seconds, int errors) {
        double perSecond() {
            return millis.size() / seconds;
        }

        double percentile(int p) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        double mean() {
            return millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    static Result run(int concurrency, int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    try {
                        int status = call.run(i);
                        if (status / 100 != 2) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    millis.add((System.nanoTime() - t) / 1e6);
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(millis, seconds, errors.get());
    }

    static final String BOUNDARY = "mdmsbench7f3a9c";

    static byte[] multipart(long patientId, byte[] jpeg) throws Exception {
        var body = new java.io.ByteArrayOutputStream(jpeg.length + 1024);
        field(body, BOUNDARY, "patientId", Long.toString(patientId));
        field(body, BOUNDARY, "category", "DIAGNOSTIC_IMAGE");
        field(body, BOUNDARY, "title", "基准测试 benchmark");
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(jpeg);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    static int upload(HttpClient http, String imaging, String token, byte[] multipartBody) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(imaging + "/api/v1/images"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            System.err.println("upload: " + response.statusCode() + " " + response.body());
        }
        return response.statusCode();
    }

    private static void field(java.io.ByteArrayOutputStream body, String boundary, String name, String value) throws Exception {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    static int put(MinioClient minio, String bucket, String key, byte[] bytes) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("image/jpeg").build());
        return 200;
    }

    static String login(HttpClient http, String patient, String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(patient + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"mdms-demo\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    static long firstPatient(HttpClient http, String patient, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(patient + "/api/v1/patients?size=1"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no patient: " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Sum and count per step from the Prometheus text. */
    static Map<String, double[]> steps(HttpClient http, String imaging) throws Exception {
        String text = http.send(HttpRequest.newBuilder(URI.create(imaging + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> steps = new HashMap<>();
        Matcher m = Pattern.compile("mdms_image_upload_step_seconds_(sum|count)\\{[^}]*step=\"(\\w+)\"[^}]*}\\s+([0-9.eE+-]+)")
                .matcher(text);
        while (m.find()) {
            double[] v = steps.computeIfAbsent(m.group(2), k -> new double[2]);
            v[m.group(1).equals("sum") ? 0 : 1] = Double.parseDouble(m.group(3));
        }
        return steps;
    }
}
