package org.mdms.system;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What was acknowledged survives a crash of the whole system. ./mdms run (durable defaults), writers record every id
 * answered 201 (patients, visits, vital signs, uploaded images with the SHA-256 of their bytes), everything is killed
 * with kill -9 mid-load (launcher with S3Proxy, MariaDB, the three services), ./mdms run again on the same folder,
 * and every acknowledged row is there through the API, every image downloads with its SHA-256, and the imaging
 * reconciler finds no image row without its object and, once it has removed the objects of uploads cut off before
 * their row was written, no object without a row.
 * <p>
 * A kill -9 leaves the OS page cache in place, so this proves recovery, ordering and the absence of orphans, not the
 * fsyncs; those are checked as settings of the running server ({@link #theDatabaseRunsDurable}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {

    private static final Path HOME = Path.of(System.getProperty("mdms.system.home", "target/system"))
            .toAbsolutePath().resolve("crash");
    private static Launcher system;
    private static String token;
    private static long doctorId;
    private static long departmentId;

    private static final Map<Long, String> PATIENTS = new ConcurrentHashMap<>();   // id -> mrn
    private static final Map<Long, Long> VISITS = new ConcurrentHashMap<>();       // id -> patient id
    private static final Map<Long, Long> VITALS = new ConcurrentHashMap<>();       // id -> patient id
    private static final Map<Long, String> IMAGES = new ConcurrentHashMap<>();     // id -> SHA-256 of the bytes sent

    @BeforeAll
    static void crashMidLoadAndRestart() throws Exception {
        deleteTree(HOME);
        Files.createDirectories(HOME);
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 30_000));
        // uploads cut off between their object and their row leave strays: the reconciler may remove them at once
        system = new Launcher(HOME, Map.of("MDMS_IMAGES_STRAY_GRACE", "PT0S"));
        system.run();
        token = login();
        JsonPath doctor = api().get(system.patientUrl() + "/api/v1/staff?kind=DOCTOR&size=1").then().statusCode(200)
                .extract().jsonPath();
        doctorId = doctor.getLong("items[0].id");
        departmentId = doctor.getLong("items[0].departmentId");

        // above 5 MiB the MinIO client uploads in parts: the completed multipart upload must be durable too
        byte[] large = png(0, 1500);
        assertTrue(large.length > 5 * 1024 * 1024, "multipart-sized image: " + large.length + " bytes");
        long largeId = api().contentType("multipart/form-data")
                .multiPart("file", "large.png", large, "image/png")
                .multiPart("patientId", Long.toString(firstPatient()))
                .multiPart("category", "DIAGNOSTIC_IMAGE")
                .multiPart("title", "multipart-sized image")
                .post(system.imagingUrl() + "/api/v1/images").then().statusCode(201).extract().jsonPath().getLong("id");
        IMAGES.put(largeId, sha256(large));

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        AtomicInteger sequence = new AtomicInteger();
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
        writers.submit(() -> writeRecords(stop, sequence, run));
        writers.submit(() -> writeRecords(stop, sequence, run));
        writers.submit(() -> uploadImages(stop, sequence));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((PATIENTS.size() < 40 || VITALS.size() < 20 || IMAGES.size() < 15) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(PATIENTS.size() >= 10 && IMAGES.size() >= 5, "the writers got going before the crash: "
                + PATIENTS.size() + " patients, " + IMAGES.size() + " images acknowledged");
        List<ProcessHandle> killed = system.killEverything(); // writers still running
        stop.set(true);
        writers.shutdown();
        assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "writers stopped after the crash");
        assertTrue(killed.size() >= 5, "launcher, MariaDB and three services were killed: " + killed.size());
        System.out.printf("crash: acknowledged %d patients, %d visits, %d vital signs, %d images%n",
                PATIENTS.size(), VISITS.size(), VITALS.size(), IMAGES.size());

        system.run();
        assertTrue(!system.output().contains("new database"), "the restart found the database it had: "
                + system.output());
        token = login();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.stop();
        }
    }

    @Test
    void everyAcknowledgedRecordIsThere() {
        PATIENTS.forEach((id, mrn) -> {
            Response patient = api().get(system.patientUrl() + "/api/v1/patients/" + id);
            assertEquals(200, patient.statusCode(), "patient " + id + ": " + patient.asString());
            assertEquals(mrn, patient.jsonPath().getString("mrn"), "patient " + id);
        });
        VISITS.forEach((id, patientId) -> {
            Response visit = api().get(system.patientUrl() + "/api/v1/visits/" + id);
            assertEquals(200, visit.statusCode(), "visit " + id + ": " + visit.asString());
            assertEquals(patientId, visit.jsonPath().getLong("patientId"), "visit " + id);
        });
        VITALS.forEach((id, patientId) -> {
            Response vital = api().get(system.patientUrl() + "/api/v1/vital-signs/" + id);
            assertEquals(200, vital.statusCode(), "vital sign " + id + ": " + vital.asString());
            assertEquals(patientId, vital.jsonPath().getLong("patientId"), "vital sign " + id);
        });
    }

    @Test
    void everyAcknowledgedImageDownloadsWithItsSha256() {
        IMAGES.forEach((id, sha256) -> {
            Response metadata = api().get(system.imagingUrl() + "/api/v1/images/" + id);
            assertEquals(200, metadata.statusCode(), "image " + id + ": " + metadata.asString());
            assertEquals(sha256, metadata.jsonPath().getString("sha256"), "stored SHA-256 of image " + id);
            Response content = api().get(system.imagingUrl() + "/api/v1/images/" + id + "/content");
            assertEquals(200, content.statusCode(), "download of image " + id);
            assertEquals(sha256, sha256(content.asByteArray()), "downloaded bytes of image " + id);
        });
    }

    @Test
    void noImageRowWithoutObjectAndNoObjectWithoutRow() {
        JsonPath found = reconcile(false);
        List<Map<String, Object>> findings = found.getList("findings");
        assertTrue(findings.stream().noneMatch(f -> "ROW_WITHOUT_OBJECT".equals(f.get("problem"))),
                "no image row lost its object: " + findings);
        // a stray without an image id (the object store's own temporary file of a write the crash cut off, such as
        // thumbnails/89-256.jpg-<uuid> left by S3Proxy) cannot be an acknowledged image; reconciling removes it below
        Set<Long> strays = findings.stream().filter(f -> "OBJECT_WITHOUT_ROW".equals(f.get("problem")))
                .map(f -> (Number) f.get("imageId")).filter(Objects::nonNull).map(Number::longValue)
                .collect(Collectors.toSet());
        strays.retainAll(IMAGES.keySet());
        assertEquals(Set.of(), strays, "no acknowledged image is without its row");

        reconcile(true); // removes the objects of uploads the crash cut off before their row
        List<Map<String, Object>> after = reconcile(false).getList("findings");
        assertTrue(after.stream().noneMatch(f -> "OBJECT_WITHOUT_ROW".equals(f.get("problem"))
                || "ROW_WITHOUT_OBJECT".equals(f.get("problem"))), "nothing orphaned after reconciling: " + after);
    }

    @Test
    void theDatabaseRunsDurable() throws Exception {
        String settings = query("SELECT @@innodb_flush_log_at_trx_commit, @@innodb_doublewrite, @@log_bin, "
                + "@@sync_binlog");
        assertEquals("1\tON\t0\t1", settings.trim(),
                "flush_log_at_trx_commit, doublewrite, log_bin, sync_binlog of the server ./mdms run started");
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops the system: runs last
    void refusesToStartOverAUsedDataFolderWhoseDatabaseIsGone() throws Exception {
        system.stop();
        Path data = HOME.resolve("mariadb/data");
        Path aside = HOME.resolve("mariadb/data-aside");
        Files.move(data, aside);
        try {
            Launcher.Result result = Launcher.runExpectingRefusal(HOME);
            assertNotEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("the database of " + HOME + " is gone"), result.output());
            assertTrue(!Files.exists(data.resolve("mysql")), "no new database was created in " + data);
        } finally {
            deleteTree(data);
            Files.move(aside, data);
        }
    }

    private static void writeRecords(AtomicBoolean stop, AtomicInteger sequence, String run) {
        while (!stop.get()) {
            try {
                int n = sequence.incrementAndGet();
                String mrn = "CRASH-" + run + "-" + n;
                Response patient = api().body(Map.of("mrn", mrn, "name", "Crash Test " + n, "gender", "FEMALE",
                        "birthDate", "1970-01-" + String.format("%02d", 1 + n % 28)))
                        .post(system.patientUrl() + "/api/v1/patients");
                if (patient.statusCode() != 201) {
                    continue;
                }
                long patientId = patient.jsonPath().getLong("id");
                PATIENTS.put(patientId, mrn);
                Instant started = Instant.now().minus(5, ChronoUnit.MINUTES);
                Response visit = api().body(Map.of("patientId", patientId, "doctorId", doctorId, "departmentId",
                        departmentId, "type", "OUTPATIENT", "startedAt", started.toString()))
                        .post(system.patientUrl() + "/api/v1/visits");
                if (visit.statusCode() != 201) {
                    continue;
                }
                long visitId = visit.jsonPath().getLong("id");
                VISITS.put(visitId, patientId);
                Response vital = api().body(Map.of("patientId", patientId, "visitId", visitId, "type", "HEART_RATE",
                        "value", 60 + n % 40, "measuredAt", started.plusSeconds(60).toString()))
                        .post(system.patientUrl() + "/api/v1/vital-signs");
                if (vital.statusCode() == 201) {
                    VITALS.put(vital.jsonPath().getLong("id"), patientId);
                }
            } catch (RuntimeException crashed) {
                pause(); // the system is down: nothing more is acknowledged
            }
        }
    }

    private static void uploadImages(AtomicBoolean stop, AtomicInteger sequence) {
        while (!stop.get()) {
            try {
                if (PATIENTS.isEmpty()) {
                    pause();
                    continue;
                }
                long patientId = PATIENTS.keySet().iterator().next();
                int n = sequence.incrementAndGet();
                byte[] png = png(n);
                Response image = api().contentType("multipart/form-data")
                        .multiPart("file", "lab-" + n + ".png", png, "image/png")
                        .multiPart("patientId", Long.toString(patientId))
                        .multiPart("category", "LAB_SHEET")
                        .multiPart("title", "crash test " + n)
                        .post(system.imagingUrl() + "/api/v1/images");
                if (image.statusCode() == 201) {
                    IMAGES.put(image.jsonPath().getLong("id"), sha256(png));
                }
            } catch (RuntimeException crashed) {
                pause();
            }
        }
    }

    /** A patient of the demo data, for the upload made before the writers start. */
    private static long firstPatient() {
        return api().get(system.patientUrl() + "/api/v1/patients?size=1").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
    }

    private static JsonPath reconcile(boolean fix) {
        return api().post(system.imagingUrl() + "/api/v1/admin/images/reconcile?fix=" + fix).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Asks the running MariaDB with its own client (the binaries ./mdms run unpacked). */
    private static String query(String sql) throws Exception {
        Path binaries = Path.of(System.getProperty("mdms.cache.dir", System.getProperty("user.home") + "/.cache/mdms"))
                .resolve("mariadb-11.4.5");
        ProcessBuilder client = new ProcessBuilder(binaries.resolve("bin/mariadb").toString(), "--protocol=TCP",
                "-h", "127.0.0.1", "-P", Integer.toString(system.databasePort()), "-u", "mdms", "-pmdms-dev-password",
                "--skip-ssl", "-N", "-B", "-e", sql).redirectErrorStream(true);
        client.environment().put("LD_LIBRARY_PATH", binaries.resolve("libs").toString());
        Process process = client.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "mariadb client finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String login() {
        return RestAssured.given().contentType("application/json")
                .body(Map.of("username", "admin", "password", "mdms-demo"))
                .post(system.patientUrl() + "/api/v1/auth/login").then().statusCode(200)
                .extract().jsonPath().getString("access_token");
    }

    private static RequestSpecification api() {
        return RestAssured.given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    /** A small PNG with its own pixels, so every upload has its own SHA-256. */
    private static byte[] png(int seed) {
        return png(seed, 32);
    }

    /** Random pixels do not compress: a PNG of side n is about 3n² bytes. */
    private static byte[] png(int seed, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
