package org.mdms.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Quarkus test resource for the services that call patient-service: starts the embedded MariaDB and S3Proxy
 * (see {@link EmbeddedInfraResource}) and then the REAL patient-service (its packaged quarkus-run.jar) against the
 * same MariaDB, with the demo accounts (admin, doctor, nurse, pharmacist, technician, analyst, patient; password
 * mdms-demo). Hands the service under test {@code mdms.patient.url} plus the mdms.db.* / mdms.s3.* settings.
 * <p>
 * The jar is {@code -Dmdms.patient.jar} (default ../patient-service/target/quarkus-app/quarkus-run.jar: the reactor
 * builds patient-service before imaging and analytics). Init arg {@code demoRecords=true} also loads the demo
 * patients, visits and prescriptions; by default only the accounts, their staff and patient rows, departments and
 * the drug catalogue exist.
 * <p>
 * {@link #stopPatientService()} and {@link #startPatientService()} let fault-injection tests take the peer down.
 */
public class PatientServiceResource implements QuarkusTestResourceLifecycleManager {

    private static final String SHARED_KEY = "mdms.test.patient-service";
    private static boolean demoRecords;

    @Override
    public void init(Map<String, String> initArgs) {
        demoRecords = Boolean.parseBoolean(initArgs.getOrDefault("demoRecords", "false"));
    }

    @Override
    public Map<String, String> start() {
        return startOnce();
    }

    /**
     * Starts patient-service once per JVM. Its coordinates live in system properties (see {@link JvmShared}), because
     * Quarkus loads test resources and test classes in more than one class loader.
     */
    public static synchronized Map<String, String> startOnce() {
        Map<String, String> shared = JvmShared.read(SHARED_KEY);
        if (shared != null) {
            return shared;
        }
        Map<String, String> config = new HashMap<>(EmbeddedInfraResource.startOnce(
                "mdms_records,mdms_imaging,mdms_warehouse"));
        try {
            System.setProperty(SHARED_KEY + ".port", Integer.toString(freePort()));
            System.setProperty(SHARED_KEY + ".home", EmbeddedInfraResource.home().toString());
            System.setProperty(SHARED_KEY + ".demoRecords", Boolean.toString(demoRecords));
            config.put("mdms.patient.url", baseUrl());
            long pid = launch();
            JvmShared.write(SHARED_KEY, config, pid);
            Runtime.getRuntime().addShutdownHook(new Thread(PatientServiceResource::stopPatientService));
            return Map.copyOf(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base URL of the running patient-service, e.g. http://127.0.0.1:41234. */
    public static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty(SHARED_KEY + ".port");
    }

    /** (Re)starts patient-service on the same port and waits until it is ready (after {@link #stopPatientService}). */
    public static synchronized void startPatientService() {
        long pid = launch();
        System.setProperty(SHARED_KEY + ".pid", Long.toString(pid));
    }

    /** Stops patient-service (fault injection: "peer service down"). */
    public static synchronized void stopPatientService() {
        String pid = System.getProperty(SHARED_KEY + ".pid");
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
    }

    private static long launch() {
        try {
            Path jar = Path.of(System.getProperty("mdms.patient.jar",
                    "../patient-service/target/quarkus-app/quarkus-run.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package patient-service first "
                        + "(./mvnw verify builds it before imaging and analytics)");
            }
            Map<String, String> infra = EmbeddedInfraResource.settings();
            Path log = Path.of(System.getProperty(SHARED_KEY + ".home")).resolve("patient-service.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toAbsolutePath().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("MDMS_") || k.startsWith("QUARKUS_"));
            env.put("QUARKUS_PROFILE", "local");
            env.put("QUARKUS_HTTP_PORT", System.getProperty(SHARED_KEY + ".port"));
            env.put("MDMS_DB_HOST", infra.get("mdms.db.host"));
            env.put("MDMS_DB_PORT", infra.get("mdms.db.port"));
            env.put("MDMS_DB_USER", infra.get("mdms.db.user"));
            env.put("MDMS_DB_PASSWORD", infra.get("mdms.db.password"));
            env.put("MDMS_DEMO_RECORDS", System.getProperty(SHARED_KEY + ".demoRecords", "false"));
            Process child = builder.start();
            awaitReady(child, log);
            return child.pid();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitReady(Process child, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("patient-service exited with " + child.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        child.destroyForcibly();
        throw new IllegalStateException("patient-service not ready in 180 s:\n" + tail(log));
    }

    @Override
    public void stop() {
        // kept for the JVM's lifetime; a shutdown hook stops it
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
