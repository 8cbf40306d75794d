package org.mdms.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Quarkus test resource: starts the real embedded MariaDB and S3Proxy in a child JVM (mdms-local.jar infra) with
 * fresh databases, and hands their coordinates to the service under test as mdms.db.* / mdms.s3.* settings.
 * Init arg {@code databases}: comma separated, default all three schemas.
 * The child exits when this JVM goes away, because it runs until its standard input closes.
 */
public class EmbeddedInfraResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> SETTING_TO_PROPERTY = Map.of(
            "MDMS_DB_HOST", "mdms.db.host",
            "MDMS_DB_PORT", "mdms.db.port",
            "MDMS_DB_USER", "mdms.db.user",
            "MDMS_DB_PASSWORD", "mdms.db.password",
            "MDMS_S3_ENDPOINT", "mdms.s3.endpoint",
            "MDMS_S3_ACCESS_KEY", "mdms.s3.access-key",
            "MDMS_S3_SECRET_KEY", "mdms.s3.secret-key");

    private static final String SHARED_KEY = "mdms.test.infra";
    private static Process child;
    private static Path home;
    private static Map<String, String> running;
    private String databases = "mdms_records,mdms_imaging,mdms_warehouse";

    @Override
    public void init(Map<String, String> initArgs) {
        databases = initArgs.getOrDefault("databases", databases);
    }

    @Override
    public Map<String, String> start() {
        return startOnce(databases);
    }

    /** One infrastructure per test JVM: Quarkus restarts the app per test profile, the servers stay up. */
    public static synchronized Map<String, String> startOnce(String databases) {
        if (running != null && child.isAlive()) {
            return running;
        }
        Map<String, String> shared = JvmShared.read(SHARED_KEY);
        if (shared != null) {
            // started by an earlier Quarkus class loader of this JVM (a test profile restarts the app)
            running = shared;
            home = Path.of(System.getProperty(SHARED_KEY + ".home"));
            return running;
        }
        try {
            Path jar = Path.of(System.getProperty("mdms.local.jar", "../deploy/local/target/mdms-local.jar"));
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build deploy/local first "
                        + "(./mvnw verify builds it before the services)");
            }
            home = claimHome(Path.of(System.getProperty("mdms.infra.home", "target/mdms-infra")).toAbsolutePath());
            Path ready = home.resolve("ready.properties");
            Files.deleteIfExists(ready);
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-Dmdms.cache.dir=" + System.getProperty("mdms.cache.dir",
                            System.getProperty("user.home") + "/.cache/mdms"),
                    "-Dmdms.db.buffer-pool=" + System.getProperty("mdms.db.buffer-pool", "256M"),
                    // throwaway test data: commits and objects need not survive a power cut
                    "-Dmdms.durability=relaxed",
                    "-jar", jar.toAbsolutePath().toString(),
                    "infra", "--home", home.toString(), "--fresh", "--databases", databases,
                    "--ready-file", ready.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("infra.log").toFile()));
            // tests always use the embedded parts, whatever the developer's shell points at
            builder.environment().keySet().removeIf(k -> k.startsWith("MDMS_"));
            child = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(ready)) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("embedded infrastructure exited with " + child.exitValue()
                            + ":\n" + tail(home.resolve("infra.log")));
                }
                if (System.nanoTime() > deadline) {
                    child.destroyForcibly();
                    throw new IllegalStateException("embedded infrastructure not ready in 180 s:\n"
                            + tail(home.resolve("infra.log")));
                }
                Thread.sleep(50);
            }
            Properties settings = new Properties();
            try (var in = Files.newBufferedReader(ready, StandardCharsets.UTF_8)) {
                settings.load(in);
            }
            Map<String, String> config = new HashMap<>();
            settings.forEach((key, value) -> {
                String property = SETTING_TO_PROPERTY.get((String) key);
                if (property != null) {
                    config.put(property, (String) value);
                }
            });
            running = Map.copyOf(config);
            JvmShared.write(SHARED_KEY, running, child.pid());
            System.setProperty(SHARED_KEY + ".home", home.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedInfraResource::stopChild));
            return running;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The infrastructure folder for this JVM. If another test JVM (a parallel build of the same module) holds it,
     * use a sibling folder of our own instead of killing its database as "stale".
     */
    private static Path claimHome(Path preferred) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path home = attempt == 0 ? preferred : preferred.resolveSibling(preferred.getFileName() + "-" + attempt);
            Files.createDirectories(home);
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(home.resolve(".lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock != null) {
                homeLock = lock; // held until this JVM exits
                return home;
            }
            channel.close();
        }
    }

    private static java.nio.channels.FileLock homeLock;

    @Override
    public void stop() {
        // kept for the JVM's lifetime (see startOnce); the shutdown hook closes the child's stdin
    }

    /** The folder holding this JVM's embedded database, S3 data and logs. */
    public static Path home() {
        String shared = System.getProperty(SHARED_KEY + ".home");
        return home != null ? home : shared == null ? null : Path.of(shared);
    }

    /** Settings of the running infrastructure (mdms.db.port ...), for tests that talk to MariaDB or S3 directly. */
    public static Map<String, String> settings() {
        return running != null ? running : JvmShared.read(SHARED_KEY);
    }

    private static void stopChild() {
        if (child != null && child.isAlive()) {
            try {
                child.getOutputStream().close();
                if (!child.waitFor(20, TimeUnit.SECONDS)) {
                    child.destroy();
                }
            } catch (IOException | InterruptedException e) {
                child.destroy();
            }
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
