package org.mdms.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Entry point behind ./mdms: run, stop, status, seed, simulate, and infra (the embedded parts alone, for tests).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        int exitCode;
        try {
            if (command.equals("run")) {
                DataFolder.refuseTemporary(Settings.home()); // before anything is written there
            }
            Path logs = Path.of(option(Arrays.asList(args), "--home", Settings.home().toString())).resolve("logs");
            Files.createDirectories(logs);
            System.setProperty("mdms.log.dir", logs.toAbsolutePath().toString());
            exitCode = switch (command) {
                case "run" -> new LocalSystem(Settings.home()).run();
                case "stop" -> new LocalSystem(Settings.home()).stop();
                case "status" -> new LocalSystem(Settings.home()).status();
                case "seed" -> new Seeder(Settings.home()).seed(rest);
                case "simulate" -> Simulator.command(rest);
                case "infra" -> infra(rest);
                default -> help();
            };
        } catch (DataFolderException refused) {
            System.err.println("[mdms] " + refused.getMessage());
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    /**
     * Starts only MariaDB and S3Proxy, writes their settings to --ready-file, and runs until standard input closes
     * (so a test JVM that dies, even with -9, takes them down with it).
     */
    private static int infra(List<String> args) throws Exception {
        Path home = Path.of(option(args, "--home", Settings.home().toString())).toAbsolutePath();
        Path readyFile = Path.of(option(args, "--ready-file", home.resolve("infra.properties").toString()));
        List<String> databases = List.of(option(args, "--databases", String.join(",", Infrastructure.DATABASES))
                .split(","));
        boolean fresh = args.contains("--fresh");
        Files.deleteIfExists(readyFile);
        try (Infrastructure infrastructure = Infrastructure.start(home, databases, fresh)) {
            Properties ready = new Properties();
            ready.putAll(infrastructure.settings());
            Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                ready.store(out, "embedded infrastructure is up");
            }
            Files.move(partial, readyFile);
            Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
            while (System.in.read() != -1) {
                // keep running until our parent closes the pipe
            }
        }
        return 0;
    }

    static String option(List<String> args, String name, String defaultValue) {
        int at = args.indexOf(name);
        if (at >= 0 && at + 1 < args.size()) {
            return args.get(at + 1);
        }
        return defaultValue;
    }

    private static int help() throws IOException {
        System.out.println("""
                usage: ./mdms <command>

                  run       start MariaDB, S3Proxy and the three services (data under .mdms/), load demo data
                  stop      stop a running ./mdms run
                  status    show what is running and whether each service is healthy
                  seed      bulk fake data: ./mdms seed --patients 100000 [--visits-per-patient 3]
                            [--items-per-prescription 3] [--exams-per-visit 1] [--vitals-per-visit 2]
                            [--history-days 1095] [--seed 42] [--locale zh_CN|en]
                  simulate  bedside monitors streaming readings into the running system:
                            ./mdms simulate --devices 200 --rate 1 [--seconds 0 (until stopped)]
                            [--deteriorating 0.1] [--seed 42] [--url http://127.0.0.1:8081]
                            [--frames-ahead 8 (unacknowledged frames per device, at most the service's)]
                  infra     start only the embedded MariaDB and S3Proxy (used by the tests)

                Settings (environment): MDMS_HOME, MDMS_PATIENT_PORT, MDMS_IMAGING_PORT, MDMS_ANALYTICS_PORT,
                MDMS_DB_HOST/PORT/USER/PASSWORD (use an external MySQL), MDMS_S3_ENDPOINT/ACCESS_KEY/SECRET_KEY
                (use an external MinIO), MDMS_JAVA_OPTS (extra JVM options for the services),
                MDMS_DURABILITY=durable (default: every acknowledged write is on disk) or relaxed (tests and
                benchmarks only: a power cut can lose acknowledged writes). MDMS_HOME must not be under /tmp or
                java.io.tmpdir.""");
        return 2;
    }
}
