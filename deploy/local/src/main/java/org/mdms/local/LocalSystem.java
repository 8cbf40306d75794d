package org.mdms.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ./mdms run, stop and status: the embedded infrastructure plus the three services as child JVMs. */
final class LocalSystem {

    record Service(String name, String module, int port) {
        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The services' JVM options unless MDMS_JAVA_OPTS says otherwise. */
    static final String DEFAULT_JAVA_OPTS = "-Xmx1g -XX:+UseParallelGC";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Path root = Path.of(Settings.get("mdms.root", ".")).toAbsolutePath().normalize();
    private final List<Service> services = List.of(
            new Service("patient-service", "patient-service", Settings.servicePorts().get(0)),
            new Service("imaging-service", "imaging-service", Settings.servicePorts().get(1)),
            new Service("analytics-service", "analytics-service", Settings.servicePorts().get(2)));
    private final List<Process> children = new ArrayList<>();
    private Infrastructure infrastructure;
    private volatile boolean stopping;

    LocalSystem(Path home) {
        this.home = home;
    }

    int run() throws Exception {
        DataFolder.refuseTemporary(home);
        Files.createDirectories(home.resolve("logs"));
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isPresent()) {
            Infrastructure.log("already running (pid " + running.get().pid() + "); ./mdms stop first");
            return 1;
        }
        Files.writeString(pidFile(), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mdms-shutdown"));

        Infrastructure.log("data folder: " + home);
        infrastructure = Infrastructure.start(home, Infrastructure.DATABASES, false);
        Service patients = services.get(0);
        start(patients);
        awaitReady(patients, Duration.ofMinutes(5));
        for (Service service : services.subList(1, services.size())) {
            start(service);
        }
        for (Service service : services.subList(1, services.size())) {
            awaitReady(service, Duration.ofMinutes(3));
        }
        Optional<Path> dashboard = saveDashboard();
        printWelcome(dashboard);
        for (Process child : List.copyOf(children)) {
            int exit = child.waitFor();
            if (!stopping) {
                Infrastructure.log("a service stopped (exit " + exit + "); see " + home.resolve("logs") + ". Stopping.");
                return 1;
            }
        }
        return 0;
    }

    private void start(Service service) throws IOException {
        Path jar = root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mdms run (it builds) or ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the parallel collector, as the services' container images run them (ubi9 openjdk-17-runtime's run-java.sh):
        // on two cores G1's concurrent work cost a photo upload ~20 ms of CPU against ~2 ms (issue 16's bench)
        command.addAll(Arrays.asList(Settings.get("mdms.java.opts", DEFAULT_JAVA_OPTS).trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("logs").resolve(service.name() + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.putAll(infrastructure.settings());
        env.put("QUARKUS_PROFILE", Settings.get("mdms.profile", "local"));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(service.port()));
        env.put("MDMS_PATIENT_URL", services.get(0).baseUrl());
        env.put("MDMS_DATA_DIR", home.toString());
        Infrastructure.log("starting " + service.name() + " on port " + service.port()
                + " (log: " + home.relativize(home.resolve("logs").resolve(service.name() + ".log")) + ")");
        children.add(builder.start());
    }

    private void awaitReady(Service service, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (healthy(service)) {
                Infrastructure.log(service.name() + " ready in " + Infrastructure.millisSince(started) / 1000.0 + " s");
                return;
            }
            for (Process child : children) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("a service exited during start-up (exit " + child.exitValue()
                            + "); see " + home.resolve("logs"));
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + timeout.toSeconds() + " s; see "
                + home.resolve("logs").resolve(service.name() + ".log"));
    }

    private static boolean healthy(Service service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A browser cannot send a bearer token, so the launcher signs in as the demo analyst, syncs the warehouse once
     * and saves the dashboard chart as a file. Without demo accounts (e.g. prod profile) it does nothing.
     */
    private Optional<Path> saveDashboard() {
        try {
            String token = Seeder.login(HTTP, services.get(0).baseUrl(), "analyst", "mdms-demo");
            String analytics = services.get(2).baseUrl();
            HTTP.send(HttpRequest.newBuilder(URI.create(analytics + "/api/v1/sync"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.discarding());
            Path file = home.resolve("dashboard.png");
            HttpResponse<Path> chart = HTTP.send(HttpRequest.newBuilder(
                            URI.create(analytics + "/api/v1/dashboard/chart?format=png"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1)).build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            return chart.statusCode() == 200 ? Optional.of(chart.body()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private void printWelcome(Optional<Path> dashboard) {
        StringBuilder text = new StringBuilder("\nMDMS is running. Press Ctrl-C to stop (data stays in " + home + ").\n\n");
        text.append(String.format("  console            %s/ui   (sign in with a demo login below)%n%n",
                services.get(0).baseUrl()));
        for (Service service : services) {
            text.append(String.format("  %-18s %s/q/swagger-ui%n", service.name(), service.baseUrl()));
        }
        text.append(String.format("%n  dashboard chart    %s/api/v1/dashboard/chart?format=png%n"
                + "                     (open in a browser: the local profile serves it without a token)%n",
                services.get(2).baseUrl()));
        dashboard.ifPresent(file -> text.append(String.format("                     saved now as %s%n", file)));
        text.append("\n  demo logins (password mdms-demo): admin, doctor, nurse, pharmacist, technician, analyst, patient\n");
        text.append("  token:  curl -s -X POST " + services.get(0).baseUrl()
                + "/api/v1/auth/login -H 'Content-Type: application/json' "
                + "-d '{\"username\":\"admin\",\"password\":\"mdms-demo\"}'\n");
        System.out.println(text);
    }

    private synchronized void shutdown() {
        stopping = true;
        for (Process child : children) {
            child.destroy();
        }
        for (Process child : children) {
            try {
                if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
            }
        }
        children.clear();
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // nothing more to clean
        }
        Infrastructure.log("stopped");
    }

    int stop() throws InterruptedException {
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isEmpty()) {
            Infrastructure.log("not running");
            return 0;
        }
        running.get().destroy();
        for (int i = 0; i < 120 && running.get().isAlive(); i++) {
            Thread.sleep(500);
        }
        if (running.get().isAlive()) {
            Infrastructure.log("still running after 60 s (pid " + running.get().pid() + ")");
            return 1;
        }
        Infrastructure.log("stopped");
        return 0;
    }

    int status() {
        Optional<ProcessHandle> running = runningLauncher();
        Infrastructure.log(running.map(p -> "running (pid " + p.pid() + "), data in " + home)
                .orElse("not running (data folder " + home + ")"));
        for (Service service : services) {
            System.out.printf("  %-18s %-24s %s%n", service.name(), service.baseUrl(),
                    healthy(service) ? "UP" : "DOWN");
        }
        return running.isPresent() ? 0 : 3;
    }

    private Path pidFile() {
        return home.resolve("mdms.pid");
    }

    private Optional<ProcessHandle> runningLauncher() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
