import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the ingest benches (IngestBench, AlertLatencyBench, BurstBench) share: their arguments, the admin's token,
 * fields of JSON answers, a monitor admitted for a patient of its own, and a batch sent until it is taken.
 * run-ingest.sh compiles it with them (javac), so each bench stays a plain main class.
 */
final class BenchApi {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchApi() {
    }

    /** A device assigned to a patient of its own, with the Authorization header value it sends with. */
    record Monitor(long patient, long device, String authorization) {
    }

    /**
     * A new patient (MRN and serial number {@code prefix}-nanos), a bedside monitor assigned to it since
     * {@code assignedFrom}, and the monitor's credential, through the API as the admin.
     */
    static Monitor admit(String url, String admin, String prefix, String name, String gender, String birthDate,
                         Instant assignedFrom) throws Exception {
        long patient = idOf(post(url + "/api/v1/patients", admin, "{\"mrn\":\"" + prefix + "-" + System.nanoTime()
                + "\",\"name\":\"" + name + "\",\"gender\":\"" + gender + "\",\"birthDate\":\"" + birthDate + "\"}",
                201));
        long device = idOf(post(url + "/api/v1/devices", admin, "{\"serialNumber\":\"" + prefix + "-"
                + System.nanoTime() + "\",\"type\":\"BEDSIDE_MONITOR\"}", 201));
        post(url + "/api/v1/devices/" + device + "/assignments", admin, "{\"patientId\":" + patient
                + ",\"startedAt\":\"" + assignedFrom + "\"}", 201);
        String authorization = field(post(url + "/api/v1/devices/" + device + "/credentials", admin, "", 200),
                "authorization");
        return new Monitor(patient, device, authorization);
    }

    /** A batch of readings as its device sends it. */
    static HttpRequest measurements(String url, long device, String authorization, String body) {
        return HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + device + "/measurements"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends until the batch is answered 200 (after a 429/503 as its Retry-After says, after an I/O error in 1 s). */
    static String sendWithRetry(HttpClient client, HttpRequest request) throws Exception {
        while (true) {
            HttpResponse<String> answer;
            try {
                answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                Thread.sleep(1000);
                continue;
            }
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
        return field(post(url + "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"mdms-demo\"}",
                200), "access_token");
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
