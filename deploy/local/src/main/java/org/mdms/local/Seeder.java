package org.mdms.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ./mdms seed: asks the running patient-service to generate bulk fake data and prints its progress. */
final class Seeder {

    private static final Map<String, String> OPTIONS = Map.of(
            "--patients", "patients",
            "--visits-per-patient", "visitsPerPatient",
            "--prescriptions-per-visit", "prescriptionsPerVisit",
            "--items-per-prescription", "itemsPerPrescription",
            "--vitals-per-visit", "vitalSignsPerVisit",
            "--exams-per-visit", "examinationsPerVisit",
            "--history-days", "historyDays",
            "--seed", "seed",
            "--locale", "locale");

    private final String baseUrl = "http://127.0.0.1:" + Settings.port("mdms.patient.port", 8081);

    Seeder(Path home) {
        // the running system is found by its port; home is kept for symmetry with the other commands
    }

    int seed(List<String> args) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String field = OPTIONS.get(args.get(i));
            if (field == null || i + 1 >= args.size()) {
                System.err.println("unknown or incomplete option " + args.get(i) + "; options: " + OPTIONS.keySet());
                return 2;
            }
            String value = args.get(++i);
            body.put(field, field.equals("locale") ? value : Long.parseLong(value));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        String token;
        try {
            token = login(http);
        } catch (ConnectException e) {
            System.err.println("patient-service is not reachable at " + baseUrl + ": start it with ./mdms run first");
            return 1;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/seed"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body)))
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        String last = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println(line);
                last = line;
            }
        }
        // the stream is already 200 when a run fails half way; its last line says so
        return response.statusCode() == 200 && !last.startsWith("ERROR") ? 0 : 1;
    }

    private String login(HttpClient http) throws Exception {
        return login(http, baseUrl, Settings.get("mdms.admin.user", "admin"),
                Settings.get("mdms.admin.password", "mdms-demo"));
    }

    static String login(HttpClient http, String baseUrl, String user, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(Map.of("username", user, "password", password))))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("login as " + user + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return token.group(1);
    }

    static String toJson(Map<String, ?> values) {
        StringBuilder json = new StringBuilder("{");
        values.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            json.append(value instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : value);
        });
        return json.append('}').toString();
    }
}
