import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readings per second through POST /api/v1/devices/{id}/measurements against a plain multi-row INSERT of the same
 * rows into vital_sign, in one run (patient-service/src/bench/run-ingest.sh). Prints BENCH lines.
 * Arguments: --url, --jdbc, --user, --password, --devices (8), --readings-per-device (25000), --batch (1000),
 * --clients (4). Needs the MariaDB JDBC driver on the class path (run-ingest.sh passes it).
 */
public class IngestBench {

    static final String[] TYPES = {"HEART_RATE", "SPO2", "TEMPERATURE", "BLOOD_PRESSURE"};
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (arg(args, "--count-stored", null) != null) {
            countStored(args);
            return;
        }
        String url = arg(args, "--url", "http://127.0.0.1:9381");
        int devices = Integer.parseInt(arg(args, "--devices", "8"));
        int perDevice = Integer.parseInt(arg(args, "--readings-per-device", "25000"));
        int batch = Integer.parseInt(arg(args, "--batch", "1000"));
        int clients = Integer.parseInt(arg(args, "--clients", "4"));
        String admin = token(url);
        // readings spread over the last 20 hours, 4 types per instant, distinct per device: no duplicates
        Instant start = Instant.now().minusSeconds(20 * 3600);
        long[] ids = new long[devices];
        long[] patients = new long[devices];
        String[] credentials = new String[devices];
        for (int d = 0; d < devices; d++) {
            patients[d] = idOf(post(url + "/api/v1/patients", admin, "{\"mrn\":\"BENCH-" + System.nanoTime()
                    + "\",\"name\":\"测试病人\",\"gender\":\"FEMALE\",\"birthDate\":\"1970-01-01\"}", 201));
            ids[d] = idOf(post(url + "/api/v1/devices", admin, "{\"serialNumber\":\"BENCH-" + System.nanoTime()
                    + "\",\"type\":\"BEDSIDE_MONITOR\"}", 201));
            post(url + "/api/v1/devices/" + ids[d] + "/assignments", admin, "{\"patientId\":" + patients[d]
                    + ",\"startedAt\":\"" + start.minusSeconds(60) + "\"}", 201);
            credentials[d] = field(post(url + "/api/v1/devices/" + ids[d] + "/credentials", admin, "", 200),
                    "authorization");
        }
        long total = (long) devices * perDevice;

        // (1) the HTTP batch path
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> work = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            for (int from = 0; from < perDevice; from += batch) {
                int device = d;
                int first = from;
                int count = Math.min(batch, perDevice - from);
                work.add(pool.submit(() -> {
                    String body = json(start, first, count);
                    String answer = sendWithRetry(url + "/api/v1/devices/" + ids[device] + "/measurements",
                            credentials[device], body);
                    accepted.addAndGet(Long.parseLong(field(answer, "accepted")));
                    return null;
                }));
            }
        }
        for (Future<?> f : work) {
            f.get();
        }
        double httpSeconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        double httpRate = total / httpSeconds;
        System.out.printf("BENCH ingest http: %d readings in %.1f s = %.0f readings/s (accepted %d, batches of %d, "
                + "%d clients)%n", total, httpSeconds, httpRate, accepted.get(), batch, clients);

        // (2) the same rows, plain multi-row INSERTs of 500 rows, one transaction per batch, same parallelism
        String jdbc = arg(args, "--jdbc", null);
        String user = arg(args, "--user", "mdms");
        String password = arg(args, "--password", "");
        ExecutorService sqlPool = Executors.newFixedThreadPool(clients);
        List<Future<?>> inserts = new ArrayList<>();
        long t1 = System.nanoTime();
        for (int d = 0; d < devices; d++) {
            for (int from = 0; from < perDevice; from += batch) {
                long patient = patients[d];
                long device = 1_000_000_000L + ids[d]; // another source_device: the HTTP rows are not duplicates
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
        double sqlRate = total / sqlSeconds;
        System.out.printf("BENCH ingest plain-insert: %d rows in %.1f s = %.0f rows/s%n", total, sqlSeconds, sqlRate);
        System.out.printf("BENCH ingest ratio http/plain-insert: %.2f%n", httpRate / sqlRate);
    }

    /**
     * After ./mdms simulate: the rows its devices (recorded_by device:SIM-...) stored, against what its
     * acknowledgements counted, so "nothing lost" is a count: sent = stored + refused + duplicates (+ unacknowledged).
     */
    static void countStored(String[] args) throws Exception {
        long sent = Long.parseLong(arg(args, "--sent", "0"));
        long accepted = Long.parseLong(arg(args, "--accepted", "0"));
        long duplicates = Long.parseLong(arg(args, "--duplicates", "0"));
        long refused = Long.parseLong(arg(args, "--refused", "0"));
        long unacknowledged = Long.parseLong(arg(args, "--unacknowledged", "0"));
        long stored;
        try (Connection c = DriverManager.getConnection(arg(args, "--jdbc", null), arg(args, "--user", "mdms"),
                arg(args, "--password", ""));
             var rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM vital_sign WHERE recorded_by LIKE '"
                     + arg(args, "--count-stored", "device:SIM-").replace("'", "") + "%'")) {
            rows.next();
            stored = rows.getLong(1);
        }
        boolean balanced = sent == stored + duplicates + refused + unacknowledged && stored == accepted;
        System.out.printf("BENCH ingest websocket nothing lost: sent %d = stored %d + duplicates %d + refused %d + "
                + "unacknowledged %d: %s (accepted by acknowledgement %d)%n", sent, stored, duplicates, refused,
                unacknowledged, balanced ? "yes" : "NO", accepted);
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

    static String sendWithRetry(String url, String authorization, String body) throws Exception {
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return answer.body();
            }
            if (answer.statusCode() != 429 && answer.statusCode() != 503) {
                throw new IllegalStateException(answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
        }
    }

    static String token(String url) throws Exception {
        String answer = post(url + "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"mdms-demo\"}", 200);
        return field(answer, "access_token");
    }

    static String post(String url, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    static long idOf(String json) {
        return Long.parseLong(field(json, "id"));
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
