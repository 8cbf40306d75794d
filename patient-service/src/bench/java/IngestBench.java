import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Readings per second through POST /api/v1/devices/{id}/measurements against a plain multi-row INSERT of the same
 * rows into vital_sign, in one run (patient-service/src/bench/run-ingest.sh). With --kafka-url (a second instance of
 * the service with mdms.ingest.kafka.enabled=true on the same database), the same batches through Kafka too: the
 * rate at which they are accepted (in the topic) and the rate at which they are stored (rows in vital_sign), against
 * the direct path's. Prints BENCH lines.
 * Arguments: --url, --jdbc, --user, --password, --devices (8), --readings-per-device (25000), --batch (1000),
 * --clients (4), --warmup-per-device (0: readings per device sent through both paths first, not counted), --rounds
 * (1: alternating rounds of the two paths, each on new devices), --kafka-url. Needs the MariaDB JDBC driver on the class path (run-ingest.sh passes it).
 */
public class IngestBench {

    static final String[] TYPES = {"HEART_RATE", "SPO2", "TEMPERATURE", "BLOOD_PRESSURE"};

    /** One run of the batch path: its monitors, the readings they sent, and how long until every 200. */
    record HttpRun(List<BenchApi.Monitor> monitors, long total, long accepted, double seconds, long startNanos) {
        double rate() {
            return total / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        if (BenchApi.arg(args, "--count-stored", null) != null) {
            countStored(args);
            return;
        }
        String url = BenchApi.arg(args, "--url", "http://127.0.0.1:9381");
        int devices = Integer.parseInt(BenchApi.arg(args, "--devices", "8"));
        int perDevice = Integer.parseInt(BenchApi.arg(args, "--readings-per-device", "25000"));
        int batch = Integer.parseInt(BenchApi.arg(args, "--batch", "1000"));
        int clients = Integer.parseInt(BenchApi.arg(args, "--clients", "4"));
        String jdbc = BenchApi.arg(args, "--jdbc", null);
        String user = BenchApi.arg(args, "--user", "mdms");
        String password = BenchApi.arg(args, "--password", "");
        // readings spread over the last 20 hours, 4 types per instant, distinct per device: no duplicates
        Instant start = Instant.now().minusSeconds(20 * 3600);

        // (0) a warm-up of both paths on devices of their own, not counted: the service is a young JVM whose
        // just-in-time compiler would otherwise spend the first tens of seconds of the measured run compiling it
        int warmup = Integer.parseInt(BenchApi.arg(args, "--warmup-per-device", "0"));
        if (warmup > 0) {
            HttpRun warm = sendAll(url, devices, warmup, batch, clients, start);
            double warmSql = plainInsert(jdbc, user, password, warm.monitors(), warmup, batch, clients, start);
            System.out.printf("warm-up (not counted): %d readings through the batch path in %.1f s, the same rows "
                    + "as plain INSERTs in %.1f s%n", warm.total(), warm.seconds(), warmSql);
        }

        // (1) the HTTP batch path and (2) the same rows as plain multi-row INSERTs of 500 rows, one transaction per
        // batch, same parallelism: in alternating rounds on new devices each, since one pair of short runs moves by a
        // fifth from one run to the next; the ratio is the total's, the rounds' own ratios are printed beside it
        int rounds = Integer.parseInt(BenchApi.arg(args, "--rounds", "1"));
        long total = 0;
        double httpSeconds = 0;
        double sqlSeconds = 0;
        long accepted = 0;
        List<String> roundRatios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            HttpRun run = sendAll(url, devices, perDevice, batch, clients, start);
            double sql = plainInsert(jdbc, user, password, run.monitors(), perDevice, batch, clients, start);
            if (rounds > 1) {
                System.out.printf("round %d: batch path %.0f readings/s, plain INSERT %.0f rows/s, ratio %.2f%n", round,
                        run.rate(), run.total() / sql, run.rate() / (run.total() / sql));
            }
            roundRatios.add(String.format("%.2f", run.rate() / (run.total() / sql)));
            total += run.total();
            accepted += run.accepted();
            httpSeconds += run.seconds();
            sqlSeconds += sql;
        }
        double httpRate = total / httpSeconds;
        double sqlRate = total / sqlSeconds;
        System.out.printf("BENCH ingest http: %d readings in %.1f s = %.0f readings/s (accepted %d, batches of %d, "
                + "%d clients, %d round(s))%n", total, httpSeconds, httpRate, accepted, batch, clients, rounds);
        System.out.printf("BENCH ingest plain-insert: %d rows in %.1f s = %.0f rows/s%n", total, sqlSeconds, sqlRate);
        System.out.printf("BENCH ingest ratio http/plain-insert: %.2f%s%n", httpRate / sqlRate,
                rounds > 1 ? " (rounds: " + String.join(", ", roundRatios) + ")" : "");

        // (3) the same batches through Kafka: accepted = in the topic; stored = rows in vital_sign
        String kafkaUrl = BenchApi.arg(args, "--kafka-url", null);
        if (kafkaUrl != null) {
            HttpRun kafka = sendAll(kafkaUrl, devices, perDevice, batch, clients, start);
            double storedSeconds = awaitStored(jdbc, user, password, kafka);
            double storedRate = kafka.total() / storedSeconds;
            System.out.printf("BENCH ingest kafka: %d readings accepted in %.1f s = %.0f readings/s (in the topic, "
                            + "acks=all), stored in %.1f s = %.0f readings/s (from the first batch to the last row in "
                            + "vital_sign)%n", kafka.total(), kafka.seconds(), kafka.rate(), storedSeconds, storedRate);
            System.out.printf("BENCH ingest ratio kafka/direct: accepted %.2f, stored %.2f (direct %.0f readings/s)%n",
                    kafka.rate() / httpRate, storedRate / httpRate, httpRate);
        }
    }

    /** The monitors' rows again as plain multi-row INSERTs of 500 rows over JDBC, one transaction per batch: seconds. */
    static double plainInsert(String jdbc, String user, String password, List<BenchApi.Monitor> monitors, int perDevice,
                              int batch, int clients, Instant start) throws Exception {
        ExecutorService sqlPool = Executors.newFixedThreadPool(clients);
        List<Future<?>> inserts = new ArrayList<>();
        long t1 = System.nanoTime();
        for (BenchApi.Monitor monitor : monitors) {
            for (int from = 0; from < perDevice; from += batch) {
                long patient = monitor.patient();
                long device = 1_000_000_000L + monitor.device(); // another source_device: the HTTP rows are not duplicates
                int first = from;
                int count = Math.min(batch, perDevice - from);
                inserts.add(sqlPool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(jdbc, user, password)) {
                        c.setAutoCommit(false);
                        for (int part = 0; part < count; part += 500) {
                            int n = Math.min(500, count - part);
                            StringBuilder sql = new StringBuilder("INSERT INTO vital_sign (patient_id, device_id, "
                                    + "source_device, type, value, secondary_value, unit, abnormal, measured_at, "
                                    + "recorded_by, created_at) VALUES ");
                            for (int i = 0; i < n; i++) {
                                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
                            }
                            try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                                int p = 1;
                                for (int i = 0; i < n; i++) {
                                    int k = first + part + i;
                                    String type = TYPES[k % 4];
                                    st.setLong(p++, patient);
                                    st.setString(p++, "BENCH-SQL");
                                    st.setLong(p++, device);
                                    st.setString(p++, type);
                                    st.setBigDecimal(p++, new java.math.BigDecimal(value(type)));
                                    st.setBigDecimal(p++, type.equals("BLOOD_PRESSURE") ? new java.math.BigDecimal(80) : null);
                                    st.setString(p++, unit(type));
                                    st.setBoolean(p++, false);
                                    st.setTimestamp(p++, Timestamp.valueOf(LocalDateTime.ofInstant(at(start, k),
                                            ZoneOffset.UTC)));
                                    st.setString(p++, "bench");
                                    st.setTimestamp(p++, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC)));
                                }
                                st.executeUpdate();
                            }
                        }
                        c.commit();
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : inserts) {
            f.get();
        }
        double sqlSeconds = (System.nanoTime() - t1) / 1e9;
        sqlPool.shutdown();
        return sqlSeconds;
    }

    /** Monitors of their own, then every batch sent by {@code clients} threads until each is answered 200. */
    static HttpRun sendAll(String url, int devices, int perDevice, int batch, int clients, Instant start)
            throws Exception {
        String admin = BenchApi.token(url);
        List<BenchApi.Monitor> monitors = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            monitors.add(BenchApi.admit(url, admin, "BENCH", "测试病人", "FEMALE", "1970-01-01",
                    start.minusSeconds(60)));
        }
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long t0 = System.nanoTime();
        for (BenchApi.Monitor monitor : monitors) {
            for (int from = 0; from < perDevice; from += batch) {
                int first = from;
                int count = Math.min(batch, perDevice - from);
                work.add(pool.submit(() -> {
                    String answer = BenchApi.sendWithRetry(BenchApi.HTTP, BenchApi.measurements(url,
                            monitor.device(), monitor.authorization(), json(start, first, count)));
                    accepted.addAndGet(Long.parseLong(BenchApi.field(answer, "accepted")));
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return new HttpRun(monitors, (long) devices * perDevice, accepted.get(), seconds, t0);
    }

    /** Seconds from the run's first batch until its monitors' rows in vital_sign are all there (or stop coming). */
    static double awaitStored(String jdbc, String user, String password, HttpRun run) throws Exception {
        StringBuilder in = new StringBuilder();
        run.monitors().forEach(m -> in.append(in.isEmpty() ? "" : ",").append(m.device()));
        long stored = -1;
        long progressAt = System.nanoTime();
        try (Connection c = DriverManager.getConnection(jdbc, user, password);
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM vital_sign WHERE source_device IN ("
                     + in + ")")) {
            while (true) {
                long now;
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    now = rows.getLong(1);
                }
                if (now >= run.accepted()) {
                    return (System.nanoTime() - run.startNanos()) / 1e9;
                }
                if (now > stored) {
                    stored = now;
                    progressAt = System.nanoTime();
                } else if (System.nanoTime() - progressAt > 60_000_000_000L) {
                    throw new IllegalStateException("readings through Kafka stopped being stored at " + stored
                            + " of " + run.accepted());
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * After ./mdms simulate: the rows its devices (recorded_by device:SIM-...) stored, against what its
     * acknowledgements counted, so "nothing lost" is a count: sent = stored + refused + duplicates (+ unacknowledged).
     */
    static void countStored(String[] args) throws Exception {
        long sent = Long.parseLong(BenchApi.arg(args, "--sent", "0"));
        long accepted = Long.parseLong(BenchApi.arg(args, "--accepted", "0"));
        long duplicates = Long.parseLong(BenchApi.arg(args, "--duplicates", "0"));
        long refused = Long.parseLong(BenchApi.arg(args, "--refused", "0"));
        long unacknowledged = Long.parseLong(BenchApi.arg(args, "--unacknowledged", "0"));
        long stored;
        try (Connection c = DriverManager.getConnection(BenchApi.arg(args, "--jdbc", null),
                BenchApi.arg(args, "--user", "mdms"), BenchApi.arg(args, "--password", ""));
             var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM vital_sign WHERE recorded_by LIKE '"
                     + BenchApi.arg(args, "--count-stored", "device:SIM-").replace("'", "") + "%'")) {
            rows.next();
            stored = rows.getLong(1);
        }
        // the simulator never sends a reading twice on its own: a duplicate is a frame resent after a reconnect whose
        // first acknowledgement was lost with the connection, so every acknowledged reading (accepted or duplicate)
        // must be a row; an unacknowledged one may or may not be
        boolean balanced = sent == accepted + duplicates + refused + unacknowledged
                && stored >= accepted + duplicates && stored <= accepted + duplicates + unacknowledged;
        System.out.printf("BENCH ingest websocket nothing lost: sent %d = accepted %d + duplicates %d (resent after a "
                + "lost acknowledgement) + refused %d + unacknowledged %d; stored %d, every acknowledged reading a row: "
                + "%s%n", sent, accepted, duplicates, refused, unacknowledged, stored, balanced ? "yes" : "NO");
    }

    static Instant at(Instant start, int k) {
        return start.plusMillis((k / 4) * 10L); // 4 types every 10 ms
    }

    static String value(String type) {
        return switch (type) {
            case "HEART_RATE" -> "72";
            case "SPO2" -> "97";
            case "TEMPERATURE" -> "36.8";
            default -> "120";
        };
    }

    static String unit(String type) {
        return switch (type) {
            case "HEART_RATE" -> "/min";
            case "SPO2" -> "%";
            case "TEMPERATURE" -> "°C";
            default -> "mmHg";
        };
    }

    static String json(Instant start, int first, int count) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            int k = first + i;
            String type = TYPES[k % 4];
            body.append(i == 0 ? "" : ",").append("{\"type\":\"").append(type).append("\",\"value\":")
                    .append(value(type));
            if (type.equals("BLOOD_PRESSURE")) {
                body.append(",\"secondaryValue\":80");
            }
            body.append(",\"measuredAt\":\"").append(at(start, k)).append("\"}");
        }
        return body.append("]").toString();
    }
}
