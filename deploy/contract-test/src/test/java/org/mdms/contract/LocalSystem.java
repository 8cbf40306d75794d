package org.mdms.contract;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.mdms.local.testing.FreePorts;

/**
 * The three services as {@code ./mdms run} starts them (embedded MariaDB and S3Proxy, demo accounts), on free ports:
 * mdms.sh ends in {@code java -Dmdms.root=<root> -jar deploy/local/target/mdms-local.jar run}, and so does this, on
 * the jars the reactor packaged before this module.
 */
final class LocalSystem implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("mdms.root", "../..")).toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("deploy/local/target/mdms-local.jar");

    private final Path home;
    private final List<Integer> ports = FreePorts.distinct(3);
    private final int patientPort = ports.get(0);
    private final int imagingPort = ports.get(1);
    private final int analyticsPort = ports.get(2);
    private Process launcher;
    private Path log;

    LocalSystem(Path home) {
        this.home = home;
    }

    String patientUrl() {
        return "http://127.0.0.1:" + patientPort;
    }

    String imagingUrl() {
        return "http://127.0.0.1:" + imagingPort;
    }

    String analyticsUrl() {
        return "http://127.0.0.1:" + analyticsPort;
    }

    /** A demo account's access token from patient-service's sign-in (the test fails if the sign-in does). */
    String signIn(String user, String password) throws Exception {
        String credentials = new ObjectMapper().writeValueAsString(Map.of("username", user, "password", password));
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(patientUrl() + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new AssertionError(user + " signs in: " + login.statusCode() + " " + login.body());
        }
        return new ObjectMapper().readTree(login.body()).get("access_token").asText();
    }

    /** ./mdms run on a new data folder, until it prints that MDMS is running. */
    LocalSystem start() throws Exception {
        deleteTree(home);
        Files.createDirectories(home);
        log = home.getParent().resolve(home.getFileName() + "-launcher.log");
        launcher = command("run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!output().contains("MDMS is running")) {
            if (!launcher.isAlive()) {
                throw new AssertionError("./mdms run exited with " + launcher.exitValue() + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("./mdms run not up in 5 minutes:\n" + output());
            }
            Thread.sleep(250);
        }
        return this;
    }

    /** ./mdms stop, and the launcher gone (killed with everything it started if it does not stop). */
    @Override
    public void close() throws Exception {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        command("stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(90, TimeUnit.SECONDS);
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
            all.add(launcher.toHandle());
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private ProcessBuilder command(String what) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dmdms.root=" + ROOT,
                // MariaDB's binaries are unpacked once per machine (as for the services' tests)
                "-Dmdms.cache.dir=" + System.getProperty("mdms.cache.dir",
                        System.getProperty("user.home") + "/.cache/mdms"),
                "-Dmdms.db.buffer-pool=128M",
                "-jar", JAR.toString(), what));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("MDMS_") || k.startsWith("QUARKUS_"));
        env.put("MDMS_HOME", home.toString());
        env.put("MDMS_DURABILITY", "relaxed");
        env.put("MDMS_PATIENT_PORT", Integer.toString(patientPort));
        env.put("MDMS_IMAGING_PORT", Integer.toString(imagingPort));
        env.put("MDMS_ANALYTICS_PORT", Integer.toString(analyticsPort));
        env.put("MDMS_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return builder;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
