package org.mdms.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mdms.local.testing.FreePorts;

/**
 * Starts the system the way ./mdms run does: mdms.sh ends in {@code java -Dmdms.root=<root> -jar
 * deploy/local/target/mdms-local.jar run}, and so does this (only mdms.sh's "rebuild when sources changed" step is
 * left out: the reactor has just built the jars). Settings go in through the same MDMS_* environment.
 */
final class Launcher {

    static final Path ROOT = Path.of(System.getProperty("mdms.root", "../..")).toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("deploy/local/target/mdms-local.jar");

    private final Path home;
    private final List<Integer> ports = FreePorts.distinct(3);
    private final int patientPort = ports.get(0);
    private final int imagingPort = ports.get(1);
    private final int analyticsPort = ports.get(2);
    private final Map<String, String> extraEnv;
    private Process launcher;
    private Path log;
    private int starts;

    Launcher(Path home, Map<String, String> extraEnv) {
        this.home = home;
        this.extraEnv = extraEnv;
    }

    String patientUrl() {
        return "http://127.0.0.1:" + patientPort;
    }

    String imagingUrl() {
        return "http://127.0.0.1:" + imagingPort;
    }

    /** ./mdms run, until it prints that MDMS is running. */
    void run() throws Exception {
        log = home.getParent().resolve(home.getFileName() + "-launcher-" + (++starts) + ".log");
        launcher = command("run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!output().contains("MDMS is running")) {
            if (!launcher.isAlive()) {
                throw new AssertionError("./mdms run exited with " + launcher.exitValue() + ":\n" + output()
                        + serviceLogs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("./mdms run not up in 5 minutes:\n" + output() + serviceLogs());
            }
            Thread.sleep(250);
        }
    }

    /** ./mdms run on a data folder it must refuse: its exit code and everything it printed. */
    static Result runExpectingRefusal(Path home) throws Exception {
        return runExpectingRefusal(home, Map.of());
    }

    static Result runExpectingRefusal(Path home, Map<String, String> env) throws Exception {
        Launcher refused = new Launcher(home, env);
        Process process = refused.command("run").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./mdms run did not stop on its own:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    record Result(int exitCode, String output) {
    }

    /** The whole system with kill -9: the launcher (and S3Proxy in it), MariaDB and the three services at once. */
    List<ProcessHandle> killEverything() {
        List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
        all.add(launcher.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        return all;
    }

    /** ./mdms stop, and the launcher gone. */
    void stop() throws Exception {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        Process stop = command("stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(90, TimeUnit.SECONDS);
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            killEverything();
        }
    }

    /** The MariaDB port the last start printed ("MariaDB 11.4 (embedded) on 127.0.0.1:PORT"). */
    int databasePort() throws IOException {
        Matcher port = Pattern.compile("MariaDB [0-9.]+ \\(embedded\\) on 127\\.0\\.0\\.1:(\\d+)").matcher(output());
        if (!port.find()) {
            throw new AssertionError("no MariaDB port in the launcher's output:\n" + output());
        }
        return Integer.parseInt(port.group(1));
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private String serviceLogs() throws IOException {
        StringBuilder text = new StringBuilder();
        Path logs = home.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path file : files.sorted().toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    text.append("\n--- ").append(file.getFileName()).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
                }
            }
        }
        return text.toString();
    }

    private ProcessBuilder command(String what) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dmdms.root=" + ROOT,
                // where MariaDB's binaries are unpacked once per machine (as for the services' tests)
                "-Dmdms.cache.dir=" + System.getProperty("mdms.cache.dir",
                        System.getProperty("user.home") + "/.cache/mdms"),
                "-Dmdms.db.buffer-pool=128M",
                "-jar", JAR.toString(), what));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("MDMS_") || k.startsWith("QUARKUS_"));
        env.put("MDMS_HOME", home.toString());
        env.put("MDMS_PATIENT_PORT", Integer.toString(patientPort));
        env.put("MDMS_IMAGING_PORT", Integer.toString(imagingPort));
        env.put("MDMS_ANALYTICS_PORT", Integer.toString(analyticsPort));
        env.put("MDMS_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.putAll(extraEnv);
        return builder;
    }

    static boolean up(String baseUrl) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
