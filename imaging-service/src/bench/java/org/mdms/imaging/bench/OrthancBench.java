package org.mdms.imaging.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.mdms.imaging.bench.DicomBytes.tag;
import static org.mdms.imaging.bench.DicomBytes.text;
import static org.mdms.imaging.bench.DicomBytes.u16;
import static org.mdms.imaging.bench.DicomBytes.u32;
import static org.mdms.imaging.bench.DicomBytes.us;

/**
 * Issue 16's comparison, in one run on one machine: 1 MB DICOM instances into Orthanc ({@code POST /instances}) and
 * into MDMS ({@code POST /api/v1/dicom/instances}), and 1 MB JPEG photos into MDMS ({@code POST /api/v1/images}),
 * each burst at the same concurrency after its own warm-up; uploads/s, p50/p99, CPU per upload per process
 * (/proc/PID/stat), and for MDMS how long after the upload's answer its thumbnail is visible (READY), p50/p95, from
 * a poller reading the burst's list (all its pages) every 100 ms. Before each MDMS burst the bench waits until the
 * warm-up's thumbnails are all READY, so the burst's CPU per upload counts one thumbnail each.
 * <p>
 * Args: orthancUrl imagingUrl patientUrl [uploads=300] [concurrency=4]; -Dbench.warmup, -Dbench.pids
 * (name=pid,...), -Dbench.clk-tck.
 */
public final class OrthancBench {

    private static final int ROWS = 512;
    private static final int COLUMNS = 1024;
    private static final String UID_ROOT = "1.2.826.0.1.3680043.8.498.";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private OrthancBench() {
    }

    public static void main(String[] args) throws Exception {
        String orthanc = args[0];
        String imaging = args[1];
        String patient = args[2];
        int uploads = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int warmup = Integer.getInteger("bench.warmup", 300);
        String token = UploadBench.login(HTTP, patient, "admin");
        long run = System.currentTimeMillis();
        ProcessCpu cpu = new ProcessCpu();

        // ---- DICOM: one template of ~1 MB, the SOP Instance UID patched per upload
        String dicomMrn = "BENCH-DCM-" + run;
        newPatient(patient, token, dicomMrn);
        String study = UID_ROOT + run;
        Template template = template(dicomMrn, study);
        System.out.printf("-- DICOM instance: %d bytes (explicit VR LE, %dx%d 16-bit monochrome)%n",
                template.bytes.length, COLUMNS, ROWS);

        phase("Orthanc: warm-up, %d instances", warmup);
        UploadBench.run(concurrency, warmup, i -> postDicom(orthanc + "/instances", null, template.of(study + ".1", i)));
        phase("Orthanc: measured burst, %d instances", uploads);
        Map<String, Double> before = cpu.snapshot();
        UploadBench.Result orthancResult = UploadBench.run(concurrency, uploads,
                i -> postDicom(orthanc + "/instances", null, template.of(study + ".2", i)));
        Map<String, Double> after = cpu.snapshot();
        line("Orthanc POST /instances (DICOM)", "instances", orthancResult, uploads, concurrency);
        ProcessCpu.print("Orthanc instance", before, after, uploads);

        phase("MDMS DICOM: warm-up, %d instances", warmup);
        UploadBench.run(concurrency, warmup, i -> postDicom(imaging + "/api/v1/dicom/instances", token,
                template.of(study + ".3", i)));
        // the burst's CPU per upload then counts its own thumbnails, not the warm-up's backlog
        awaitReady(imaging + "/api/v1/dicom/studies/" + study + "/series/" + study + ".3/instances", 0, token,
                warmup, "MDMS DICOM warm-up");
        phase("MDMS DICOM: measured burst, %d instances", uploads);
        String series = study + ".4";
        String list = imaging + "/api/v1/dicom/studies/" + study + "/series/" + series + "/instances";
        Visibility dicomSeen = new Visibility(list, 0, token, "\"sopInstanceUid\"\\s*:\\s*\"([0-9.]+)\"");
        before = cpu.snapshot();
        ProcessCpu.Threads threadsBefore = cpu.threads("imaging");
        UploadBench.Result dicomResult = UploadBench.run(concurrency, uploads, i -> {
            byte[] file = template.of(series, i);
            int status = postDicom(imaging + "/api/v1/dicom/instances", token, file);
            dicomSeen.answered(series + "." + (i + 1));
            return status;
        });
        after = cpu.snapshot();
        line("MDMS POST /api/v1/dicom/instances", "instances", dicomResult, uploads, concurrency);
        ProcessCpu.print("MDMS DICOM instance", before, after, uploads);
        ProcessCpu.printThreads("imaging", threadsBefore, cpu.threads("imaging"), uploads);
        dicomSeen.finish(uploads, "MDMS DICOM thumbnail");
        ProcessCpu.print("MDMS DICOM instance until its thumbnail is READY", before, cpu.snapshot(), uploads);
        dicomSeen.printPollerCost(cpu, uploads);

        // ---- photos: 1 MB JPEGs (noisy 3000x2000 at quality 0.80)
        List<byte[]> photos = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            photos.add(BenchImages.jpeg(BenchImages.noisy(3000, 2000, 4000 + p, 6), 0.80f));
        }
        System.out.printf("-- JPEG photos: %d..%d bytes%n", photos.stream().mapToInt(b -> b.length).min().orElse(0),
                photos.stream().mapToInt(b -> b.length).max().orElse(0));
        long warmPatient = newPatient(patient, token, "BENCH-JPG-W-" + run);
        long photoPatient = newPatient(patient, token, "BENCH-JPG-" + run);
        List<byte[]> warmBodies = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] photo : photos) {
            warmBodies.add(UploadBench.multipart(warmPatient, photo));
            bodies.add(UploadBench.multipart(photoPatient, photo));
        }
        phase("MDMS photos: warm-up, %d uploads", warmup);
        UploadBench.run(concurrency, warmup, i -> UploadBench.upload(HTTP, imaging, token,
                warmBodies.get(i % warmBodies.size())));
        awaitReady(imaging + "/api/v1/images?patientId=" + warmPatient + "&sort=createdAt,desc", PAGE, token, warmup,
                "MDMS photo warm-up");
        phase("MDMS photos: measured burst, %d uploads", uploads);
        Visibility photoSeen = new Visibility(imaging + "/api/v1/images?patientId=" + photoPatient
                + "&sort=id,asc", PAGE, token, "\"id\"\\s*:\\s*(\\d+)");
        before = cpu.snapshot();
        threadsBefore = cpu.threads("imaging");
        UploadBench.Result photoResult = UploadBench.run(concurrency, uploads, i -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(imaging + "/api/v1/images"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + UploadBench.BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
            if (r.statusCode() == 201 && m.find()) {
                photoSeen.answered(m.group(1));
            } else {
                System.err.println("photo upload: " + r.statusCode() + " " + r.body());
            }
            return r.statusCode();
        });
        after = cpu.snapshot();
        line("MDMS POST /api/v1/images (JPEG)", "uploads", photoResult, uploads, concurrency);
        ProcessCpu.print("MDMS photo upload", before, after, uploads);
        photoSeen.finish(uploads, "MDMS photo thumbnail");
        ProcessCpu.print("MDMS photo upload until its thumbnails are READY", before, cpu.snapshot(), uploads);
        ProcessCpu.printThreads("imaging", threadsBefore, cpu.threads("imaging"), uploads);
        photoSeen.printPollerCost(cpu, uploads);

        System.out.printf("BENCH ratio MDMS DICOM / Orthanc: %.2f (target >= 0.5)%n",
                dicomResult.perSecond() / orthancResult.perSecond());
        System.out.printf("BENCH ratio MDMS photos / Orthanc DICOM: %.2f (target >= 0.5)%n",
                photoResult.perSecond() / orthancResult.perSecond());
    }

    private static final int PAGE = 200;
    private static final Pattern READY = Pattern.compile("\"thumbnailStatus\"\\s*:\\s*\"READY\"");

    /**
     * The body of a list, all pages of {@code pageSize} (0: one unpaged list) read one after the other: the poller
     * sees every upload of a burst larger than a page.
     */
    private static String readList(String url, int pageSize, String token) throws Exception {
        return readList(url, pageSize, token, 0, new AtomicInteger());
    }

    /** As {@link #readList(String, int, String)}, from page {@code first} on, counting the pages read. */
    private static String readList(String url, int pageSize, String token, int first, AtomicInteger reads)
            throws Exception {
        StringBuilder all = new StringBuilder();
        for (int page = first; ; page++) {
            reads.incrementAndGet();
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(pageSize == 0 ? url
                            : url + "&size=" + pageSize + "&page=" + page))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            all.append(body);
            if (pageSize == 0 || count(THUMBNAIL_STATUS, body) < pageSize) {
                return all.toString();
            }
        }
    }

    private static final Pattern THUMBNAIL_STATUS = Pattern.compile("\"thumbnailStatus\"");

    private static int count(Pattern p, String body) {
        Matcher m = p.matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Waits (at most 10 minutes) until {@code expected} items of the list show thumbnailStatus READY. */
    private static void awaitReady(String url, int pageSize, String token, int expected, String label)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + 600_000_000_000L;
        int ready = 0;
        while (System.nanoTime() < deadline) {
            ready = count(READY, readList(url, pageSize, token));
            if (ready >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("-- %tT %s: %d of %d thumbnails READY, %.1f s after its last upload%n",
                System.currentTimeMillis(), label, ready, expected, (System.nanoTime() - start) / 1e9);
    }

    private static void line(String what, String unit, UploadBench.Result r, int n, int concurrency) {
        System.out.printf("BENCH %-36s: %d %s, concurrency %d: %.1f/s, p50 %.0f ms, p99 %.0f ms, errors %d%n",
                what, n, unit, concurrency, r.perSecond(), r.percentile(50), r.percentile(99), r.errors());
    }

    private static void phase(String format, int count) {
        System.out.printf("-- %tT " + format + "%n", System.currentTimeMillis(), count);
    }

    private static int postDicom(String url, String token, byte[] file) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            System.err.println(url + ": " + r.statusCode() + " " + r.body());
        }
        return r.statusCode();
    }

    private static long newPatient(String patient, String token, String mrn) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(patient + "/api/v1/patients"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mrn\":\"" + mrn + "\",\"name\":\"基准 测试\","
                        + "\"gender\":\"FEMALE\",\"birthDate\":\"1970-01-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("patient not created: " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * When each upload's thumbnail became visible: a poller reads the burst's list every 100 ms and notes the first
     * time each answered upload shows READY (the resolution is the poll interval). A paged list is read in ascending
     * id order, so a full page whose items are all READY stays so and is not read again: the poller reads only the
     * pages that may still change. Its reads are audited list reads that cost imaging CPU within the measured
     * phase; {@link #printPollerCost} says how much.
     */
    private static final class Visibility {
        private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        private final Map<String, Long> readyAt = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread poller;
        private final AtomicInteger reads = new AtomicInteger();
        private final String url;
        private final int pageSize;
        private final String token;
        private int firstOpenPage;

        Visibility(String url, int pageSize, String token, String idPattern) {
            this.url = url;
            this.pageSize = pageSize;
            this.token = token;
            Pattern item = Pattern.compile("\\{[^{}]*?" + idPattern + "[^{}]*?\"thumbnailStatus\"\\s*:\\s*\"READY\"");
            Pattern itemAfter = Pattern.compile("\\{[^{}]*?\"thumbnailStatus\"\\s*:\\s*\"READY\"[^{}]*?" + idPattern);
            poller = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String body = readList(url, pageSize, token, firstOpenPage, reads);
                        long now = System.nanoTime();
                        firstOpenPage += closedPages(body);
                        for (Pattern p : List.of(item, itemAfter)) {
                            Matcher m = p.matcher(body);
                            while (m.find()) {
                                readyAt.putIfAbsent(m.group(1), now);
                            }
                        }
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // the next poll tries again
                    }
                }
            }, "thumbnail-poller");
            poller.setDaemon(true);
            poller.start();
        }

        void answered(String id) {
            answeredAt.put(id, System.nanoTime());
        }

        void finish(int expected, String label) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (readyAt.keySet().containsAll(answeredAt.keySet()) == false && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            stop.set(true);
            poller.join(5000);
            List<Double> millis = new ArrayList<>();
            answeredAt.forEach((id, t) -> {
                Long ready = readyAt.get(id);
                if (ready != null) {
                    millis.add(Math.max(0, ready - t) / 1e6);
                }
            });
            Collections.sort(millis);
            System.out.printf("BENCH %-36s: visible (READY) after the answer for %d of %d: p50 %.0f ms, p95 %.0f ms, "
                            + "max %.0f ms (poll every 100 ms)%n", label, millis.size(), expected,
                    pct(millis, 50), pct(millis, 95), millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
        }

        /** Leading full pages of {@code body} whose items are all READY (0 for an unpaged list). */
        private int closedPages(String body) {
            if (pageSize == 0) {
                return 0;
            }
            Matcher statuses = Pattern.compile("\"thumbnailStatus\"\\s*:\\s*\"(\\w+)\"").matcher(body);
            int closed = 0;
            int inPage = 0;
            while (statuses.find()) {
                if (!statuses.group(1).equals("READY")) {
                    return closed;
                }
                if (++inPage == pageSize) {
                    closed++;
                    inPage = 0;
                }
            }
            return closed;
        }

        /**
         * The poller's share of the imaging CPU counted per upload above: its page reads times the imaging CPU of one
         * read of a first page (as full as any it read), measured now with nothing else running (an upper bound).
         */
        void printPollerCost(ProcessCpu cpu, int uploads) throws Exception {
            int samples = 30;
            Map<String, Double> start = cpu.snapshot();
            for (int i = 0; i < samples; i++) {
                String page = pageSize == 0 ? url : url + "&size=" + pageSize + "&page=0";
                HTTP.send(HttpRequest.newBuilder(URI.create(page)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            double perRead = (cpu.snapshot().get("imaging") - start.get("imaging")) * 1000 / samples;
            System.out.printf("  thumbnail poller: %d list reads, ~%.1f ms imaging CPU each: ~%.1f ms per upload "
                    + "of the imaging figure above%n", reads.get(), perRead, reads.get() * perRead / uploads);
        }

        private static double pct(List<Double> sorted, int p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1,
                    (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    /** A Part 10 file with a fixed-width SOP Instance UID that {@link #of} patches per upload. */
    private record Template(byte[] bytes, int metaSopOffset, int sopOffset, int seriesOffset) {

        byte[] of(String series, int i) {
            byte[] copy = bytes.clone();
            write(copy, seriesOffset, series);
            write(copy, sopOffset, series + "." + (i + 1));
            write(copy, metaSopOffset, series + "." + (i + 1));
            return copy;
        }

        private static void write(byte[] into, int offset, String uid) {
            byte[] b = pad(uid).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, into, offset, b.length);
        }
    }

    private static final int UID_WIDTH = 64;

    /** UIDs are padded with NUL to the even field width (PS3.5 6.2: UI values are padded with a trailing NUL). */
    private static String pad(String uid) {
        StringBuilder s = new StringBuilder(uid);
        while (s.length() < UID_WIDTH) {
            s.append('\0');
        }
        return s.toString();
    }

    private static Template template(String mrn, String study) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        text(data, 0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2");
        int sopAt = data.size() + 8;
        text(data, 0x00080018, "UI", pad(study + ".0.1"));
        text(data, 0x00080020, "DA", "20261201");
        text(data, 0x00080060, "CS", "CT");
        text(data, 0x00100010, "PN", "BENCH^TEST");
        text(data, 0x00100020, "LO", mrn.length() % 2 == 0 ? mrn : mrn + " ");
        text(data, 0x0020000D, "UI", study.length() % 2 == 0 ? study : study + "\0");
        int seriesAt = data.size() + 8;
        text(data, 0x0020000E, "UI", pad(study + ".0"));
        us(data, 0x00280002, 1);
        text(data, 0x00280004, "CS", "MONOCHROME2 ");
        us(data, 0x00280010, ROWS);
        us(data, 0x00280011, COLUMNS);
        us(data, 0x00280100, 16);
        us(data, 0x00280101, 12);
        us(data, 0x00280103, 0);
        byte[] pixels = new byte[ROWS * COLUMNS * 2];
        Random random = new Random(16);
        for (int i = 0; i < pixels.length; i += 2) {
            int v = 800 + (i / 2 % COLUMNS) + random.nextInt(64);
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >> 8);
        }
        tag(data, 0x7FE00010);
        data.writeBytes("OW".getBytes(StandardCharsets.US_ASCII));
        u16(data, 0);
        u32(data, pixels.length);
        data.writeBytes(pixels);

        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        text(meta, 0x00020001, "OB", "\0\1");
        text(meta, 0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.2");
        int metaSopAt = meta.size() + 8;
        text(meta, 0x00020003, "UI", pad(study + ".0.1"));
        text(meta, 0x00020010, "UI", "1.2.840.10008.1.2.1\0");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        tag(file, 0x00020000);
        file.writeBytes("UL".getBytes(StandardCharsets.US_ASCII));
        u16(file, 4);
        u32(file, meta.size());
        int metaStart = file.size();
        file.writeBytes(meta.toByteArray());
        int dataStart = file.size();
        file.writeBytes(data.toByteArray());
        return new Template(file.toByteArray(), metaStart + metaSopAt, dataStart + sopAt, dataStart + seriesAt);
    }
}
