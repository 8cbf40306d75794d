package org.mdms.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.DicomWriter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the three OpenAPI documents, as the running services publish them, gets bad input: each path
 * parameter, query parameter and request-body field (the upload's form fields) in turn gets each kind of bad value
 * ({@link BadRequests}), everything else valid, sent with the token of a role allowed to call the operation. Each
 * answer must be 400, 415 or 422 {@code application/problem+json} whose {@code errors[].field} names the bad input
 * and nothing else, without a Java class name; and nothing may be written: patient-service's change feed ends where
 * it ended before, and every list of the three services (audit trails aside, which record reads) counts what it
 * counted.
 *
 * <p>The valid request each bad one is made from (its base) must be valid on its own, or a bad request could be
 * refused for the base's fault and pass. Path ids are real records of the demo data ({@link #withRealIds}).
 * <ul>
 *   <li>A read's base (GET) is sent unchanged first, with the same role, and must be accepted: a 2xx, or a 404
 *   naming no input where no record of the kind its path names could be found (none today: an alert and a DICOM
 *   instance are made before the run), which still shows its inputs pass the checks.</li>
 *   <li>A write's base (POST, PUT, PATCH, DELETE) is not sent: it would write, and the run proves nothing is written
 *   (and a delete would take away the record the other requests name). There is no dry run to send it to. Its bad
 *   requests' refusals must name the bad input alone: every service answers with all the faults of a request's
 *   input at once, so a fault of the base's own in another input would be named beside it. What this does not
 *   show is a fault the services look for only after the input checks (a record the base names that does not
 *   exist): a bad request never gets that far, so no such fault can be the reason it is refused. The reads show
 *   why the unchanged send is still needed where it can be made: the examinations' and vital signs' searches
 *   without a patient named only the bad input too (their patient rule comes after the input checks), while
 *   their base answered 400.</li>
 * </ul>
 *
 * <p>One declared exception: a device's batch of readings ({@code sendDeviceReadings}) refuses a bad reading inside
 * a 200 answer ({@code refusals[]} naming the field, as patient-service's DeviceIngestTest shows), so that one bad
 * reading does not lose the others; there the answer must accept nothing and name the field in its refusals.
 */
class EveryOperationBadInputTest {

    private static final String PASSWORD = "mdms-demo";
    private static final List<String> ROLES = List.of("admin", "doctor", "nurse", "pharmacist", "technician",
            "analyst", "patient");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static LocalSystem system;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void startSystem() throws Exception {
        system = new LocalSystem(Path.of(System.getProperty("mdms.contract.home", "target/system") + "-bad-input"))
                .start();
        for (String user : ROLES) {
            TOKENS.put(user, system.signIn(user, PASSWORD));
        }
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyOperationRefusesEachBadInputByNameAndWritesNothing() throws Exception {
        long started = System.nanoTime();
        Map<String, String> urls = Map.of("patient-service", system.patientUrl(),
                "imaging-service", system.imagingUrl(), "analytics-service", system.analyticsUrl());
        Map<String, JsonNode> documents = new TreeMap<>();
        for (var service : urls.entrySet()) {
            HttpResponse<String> answer = send("GET", service.getValue() + "/q/openapi?format=json", null, Map.of(), null);
            assertEquals(200, answer.statusCode(), service.getKey() + " publishes its document");
            documents.put(service.getKey(), JSON.readTree(answer.body()));
        }
        Map<String, Map<String, BadRequests.Base>> bases = new TreeMap<>();
        bases.put("patient-service", patientBases());
        bases.put("imaging-service", imagingBases());
        bases.put("analytics-service", Map.of());
        List<String> notInDemoData = new ArrayList<>();
        for (var document : documents.entrySet()) {
            bases.put(document.getKey(), withRealIds(document.getKey(), document.getValue(), bases.get(document.getKey()),
                    notInDemoData));
        }
        System.out.println("[bad input] bases whose record could not be found (a 404 allowed): " + notInDemoData);

        List<BadRequests.Request> requests = new ArrayList<>();
        List<BadRequests.Request> valid = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> withoutInput = new ArrayList<>();
        for (var document : documents.entrySet()) {
            BadRequests bad = new BadRequests(document.getKey(), document.getValue(), bases.get(document.getKey()));
            requests.addAll(bad.requests());
            valid.addAll(bad.bases());
            bad.skipped().forEach(s -> skipped.add(document.getKey() + " " + s));
            bad.withoutInput().forEach(s -> withoutInput.add(document.getKey() + " " + s));
        }
        System.out.println("[bad input] operations skipped (no valid request can be built):\n  "
                + String.join("\n  ", skipped));
        System.out.println("[bad input] operations without any input: " + withoutInput);

        Map<String, Long> before = whatIsStored(documents, urls);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Map<String, String> callers = callers(requests, urls, pool);
        List<String> findings = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> sent = new ArrayList<>();
        int readsSent = 0;
        for (BadRequests.Request base : valid) {
            if (!base.method().equals("GET")) {
                continue; // a write's base would write: its bad requests' answers must name the bad input alone
            }
            readsSent++;
            sent.add(pool.submit(() -> {
                String fault = checkBase(base, notInDemoData, urls, callers.get(base.service() + base.operation()));
                if (fault != null) {
                    findings.add(base + " " + base.method() + " " + base.target() + " -> " + fault);
                }
                return null;
            }));
        }
        for (BadRequests.Request request : requests) {
            sent.add(pool.submit(() -> {
                String fault = check(request, send(request, urls, callers.get(request.service() + request.operation())));
                if (fault != null) {
                    findings.add(request + " " + request.method() + " " + request.target() + " -> " + fault);
                }
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        pool.shutdown();
        Map<String, Long> after = whatIsStored(documents, urls);

        List<String> sorted = findings.stream().sorted().toList();
        Path report = Path.of(System.getProperty("mdms.contract.home", "target/system") + "-bad-input-findings.txt");
        Files.writeString(report, String.join("\n", sorted) + "\n");
        System.out.println("[bad input] " + requests.size() + " requests to " + callers.size() + " operations, "
                + readsSent + " of their " + valid.size() + " bases sent unchanged (the reads), " + sorted.size()
                + " findings (" + report + "), " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s after the start-up");
        System.out.println("[bad input] stored before and after: " + before + " / " + after);
        assertTrue(requests.size() > 1000, "the documents yield over a thousand bad requests, got " + requests.size());
        assertTrue(skipped.stream().allMatch(s -> s.startsWith("imaging-service uploadDicomInstance:")
                || s.startsWith("imaging-service storeDicomStudies:")), "only the two binary DICOM uploads are skipped: "
                + skipped);
        List<String> written = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k)))
                .map(k -> k + ": " + before.get(k) + " before, " + after.get(k) + " after").toList();
        assertTrue(sorted.isEmpty() && written.isEmpty(), sorted.size() + " of " + requests.size()
                + " bad requests were not refused as the dialect says:\n" + String.join("\n", sorted)
                + "\nwritten by bad requests: " + written);
        assertEquals(before, after, "a refused request wrote something");
    }

    // ---- the valid rest of a request, where the examples are not enough

    /**
     * The device readings go to a device registered here (the demo data has none), at the bedside of a demo patient
     * since an hour ago, with the credential issued to it now; the reading is a minute old (inside the late window).
     * Made before the run, as is the patient's own DEVICE_SILENT rule that keeps the silent device from opening an
     * alert (a write) while the run lasts, and an open alert ({@link #openAlert}).
     */
    private static Map<String, BadRequests.Base> patientBases() throws Exception {
        String admin = TOKENS.get("admin");
        String patient = getJson(system.patientUrl() + "/api/v1/patients?size=1", "admin").path("items").path(0)
                .path("id").asText();
        HttpResponse<String> registered = send("POST", system.patientUrl() + "/api/v1/devices", admin,
                Map.of("Content-Type", "application/json"), ("{\"serialNumber\": \"BAD-INPUT-1\", \"type\": "
                        + "\"BEDSIDE_MONITOR\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, registered.statusCode(), "a device for the readings: " + registered.body());
        String device = JSON.readTree(registered.body()).path("id").asText();
        HttpResponse<String> assigned = send("POST", system.patientUrl() + "/api/v1/devices/" + device + "/assignments",
                admin, Map.of("Content-Type", "application/json"), ("{\"patientId\": " + patient + ", \"startedAt\": \""
                        + java.time.Instant.now().minusSeconds(3600) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(201, assigned.statusCode(), "device " + device + " at patient " + patient + ": " + assigned.body());
        // the device sends no good reading during the run: its patient is exempt from DEVICE_SILENT for a day
        HttpResponse<String> exempt = send("POST", system.patientUrl() + "/api/v1/alert-rules", admin,
                Map.of("Content-Type", "application/json"), ("{\"code\": \"DEVICE_SILENT\", \"kind\": \"DEVICE_SILENT\", "
                        + "\"patientId\": " + patient + ", \"severity\": \"MEDIUM\", \"silentAfterSeconds\": 86400}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, exempt.statusCode(), "a day's silence allowed for patient " + patient + ": " + exempt.body());
        openAlert(patient);
        JsonNode reading = JSON.createArrayNode().add(JSON.createObjectNode().put("type", "HEART_RATE").put("value", 72)
                .put("unit", "/min").put("measuredAt", java.time.Instant.now().minusSeconds(60).toString()));
        HttpResponse<String> issued = send("POST", system.patientUrl() + "/api/v1/devices/" + device + "/credentials",
                TOKENS.get("admin"), Map.of(), null);
        assertEquals(200, issued.statusCode(), "a credential for device " + device + ": " + issued.body());
        String authorization = JSON.readTree(issued.body()).path("authorization").asText();
        return Map.of("sendDeviceReadings", new BadRequests.Base(Map.of("id", device),
                Map.of("Authorization", authorization), reading));
    }

    /**
     * An open alert for the alerts' operations to name (the demo data has none): the patient's own SPO2_LOW rule opens
     * at the first low reading, and neither escalates nor resolves while the run lasts. Made before the run, and
     * waited for (the rules are judged after the reading is stored).
     */
    private static void openAlert(String patient) throws Exception {
        HttpResponse<String> rule = send("POST", system.patientUrl() + "/api/v1/alert-rules", TOKENS.get("admin"),
                Map.of("Content-Type", "application/json"), ("{\"code\": \"SPO2_LOW\", \"kind\": \"VITAL_SIGN\", "
                        + "\"vitalType\": \"SPO2\", \"patientId\": " + patient + ", \"severity\": \"HIGH\", "
                        + "\"below\": 90, \"sustainSeconds\": 0, \"escalateAfterSeconds\": 86400}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, rule.statusCode(), "an SPO2 rule for patient " + patient + ": " + rule.body());
        HttpResponse<String> low = send("POST", system.patientUrl() + "/api/v1/vital-signs", TOKENS.get("nurse"),
                Map.of("Content-Type", "application/json"), ("{\"patientId\": " + patient + ", \"type\": \"SPO2\", "
                        + "\"value\": 86, \"measuredAt\": \"" + java.time.Instant.now().minusSeconds(30) + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, low.statusCode(), "a low SPO2 of patient " + patient + ": " + low.body());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (getJson(system.patientUrl() + "/api/v1/alerts?size=1&patientId=" + patient, "admin")
                .path("totalItems").asLong() == 0) {
            assertTrue(System.nanoTime() < deadline, "no alert opened for patient " + patient + " in 20 s");
            Thread.sleep(200);
        }
    }

    /**
     * Each operation's base with real ids from the demo data where it names a record by path: {@code {id}} of the
     * collection before it ({@code /api/v1/visits/{id}/close} a visit; the devices, the one registered for the run),
     * {@code {patientId}}, {@code {drugId}}, {@code {departmentId}}, {@code {doctorId}} (a doctor on the staff); and
     * the patient the examinations' and vital signs' searches need. A value the given base has is kept. A path
     * naming a kind of record none of which is found keeps its example and is added to {@code notInDemoData}.
     */
    private static Map<String, BadRequests.Base> withRealIds(String service, JsonNode document,
                                                             Map<String, BadRequests.Base> given,
                                                             List<String> notInDemoData) throws Exception {
        Map<String, BadRequests.Base> bases = new LinkedHashMap<>(given);
        Map<String, String> firstIds = new LinkedHashMap<>();
        String patient = firstId(firstIds, system.patientUrl() + "/api/v1/patients");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                JsonNode op = ops.next().getValue();
                String operation = op.path("operationId").asText();
                if (operation.isEmpty()) {
                    continue;
                }
                Map<String, String> ids = new LinkedHashMap<>();
                boolean lacking = false;
                for (JsonNode parameter : op.path("parameters")) {
                    if (!"path".equals(parameter.path("in").asText())) {
                        continue;
                    }
                    String name = parameter.path("name").asText();
                    if (given.containsKey(operation) && given.get(operation).pathValues().containsKey(name)) {
                        continue;
                    }
                    String list = listOf(path.getKey(), name, patient);
                    String id = list == null ? null : firstId(firstIds, list);
                    if (id == null) {
                        lacking = true;
                    } else {
                        ids.put(name, id);
                    }
                }
                Map<String, String> query = new LinkedHashMap<>();
                if (operation.equals("searchExaminations") || operation.equals("searchVitalSigns")) {
                    query.put("patientId", patient);
                }
                if (lacking) {
                    notInDemoData.add(service + " " + operation);
                }
                bases.put(operation, bases.getOrDefault(operation, new BadRequests.Base(Map.of(), Map.of()))
                        .with(ids, query));
            }
        }
        return bases;
    }

    /**
     * The list whose first record a path parameter names (the examinations and vital signs of one patient, as their
     * searches need), or null for one that names no record (DICOM UIDs).
     */
    private static String listOf(String template, String parameter, String patient) {
        String patients = system.patientUrl() + "/api/v1/";
        switch (parameter) {
            case "patientId": return patients + "patients";
            case "drugId": return patients + "drugs";
            case "departmentId": return patients + "departments";
            case "doctorId": return patients + "staff?kind=DOCTOR";
            case "id": break;
            default: return null;
        }
        if (template.startsWith("/api/v1/images/") || template.startsWith("/api/v1/admin/images/")) {
            return system.imagingUrl() + "/api/v1/images";
        }
        String collection = template.substring("/api/v1/".length(), template.indexOf("/{id}"));
        return patients + collection + (collection.equals("examinations") || collection.equals("vital-signs")
                ? "?patientId=" + patient : "");
    }

    /** The id of the first record of a list (as admin), or null when the list is empty; looked up once. */
    private static String firstId(Map<String, String> firstIds, String list) throws Exception {
        if (!firstIds.containsKey(list)) {
            JsonNode page = getJson(list + (list.contains("?") ? "&" : "?") + "size=1", "admin");
            JsonNode first = page.path("items").path(0).path("id");
            firstIds.put(list, first.isMissingNode() ? null : first.asText());
        }
        return firstIds.get(list);
    }

    /**
     * An image's edit names the image's current ETag (the image itself comes with {@link #withRealIds}); the DICOM
     * operations name an instance of the first patient uploaded here (the demo data has none), its thumbnail
     * rendered before the run (a write), and its first frame.
     */
    private static Map<String, BadRequests.Base> imagingBases() throws Exception {
        Map<String, BadRequests.Base> bases = new LinkedHashMap<>();
        JsonNode images = getJson(system.imagingUrl() + "/api/v1/images?size=1", "admin");
        if (!images.path("items").isEmpty()) {
            String image = images.path("items").get(0).path("id").asText();
            HttpResponse<String> view = send("GET", system.imagingUrl() + "/api/v1/images/" + image,
                    TOKENS.get("admin"), Map.of(), null);
            bases.put("updateImage", new BadRequests.Base(Map.of("id", image),
                    Map.of("If-Match", view.headers().firstValue("ETag").orElse("\"1\""))));
        }
        String mrn = getJson(system.patientUrl() + "/api/v1/patients?size=1", "admin").path("items").path(0)
                .path("mrn").asText();
        String study = "1.2.826.0.1.3680043.8.498." + System.currentTimeMillis();
        String series = study + ".1";
        String sop = series + ".1";
        byte[] file = DicomWriter.ct(DicomWriter.EXPLICIT_LE, mrn, study, series, sop).monochrome16(64, 48, 1, true)
                .bytes();
        HttpResponse<String> stored = send("POST", system.imagingUrl() + "/api/v1/dicom/instances",
                TOKENS.get("admin"), Map.of("Content-Type", "application/dicom"), file);
        assertEquals(201, stored.statusCode(), "a DICOM instance of patient " + mrn + ": " + stored.body());
        String instance = system.imagingUrl() + "/api/v1/dicom/studies/" + study + "/series/" + series
                + "/instances/" + sop;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while ("PENDING".equals(getJson(instance, "admin").path("thumbnailStatus").asText("PENDING"))) {
            assertTrue(System.nanoTime() < deadline, "the thumbnail of " + instance + " not rendered in 30 s");
            Thread.sleep(200);
        }
        Map<String, String> dicom = Map.of("study", study, "series", series, "instance", sop, "frame", "1");
        for (String operation : List.of("getDicomStudyMetadata", "listDicomSeries", "listDicomInstances",
                "getDicomInstance", "deleteDicomInstance", "downloadDicomInstance", "renderDicomFrame",
                "getDicomInstanceMetadata", "restoreDicomInstance", "getDicomThumbnail", "getDicomSeriesMetadata")) {
            bases.put(operation, new BadRequests.Base(dicom, Map.of()));
        }
        return bases;
    }

    // ---- who calls

    /**
     * For each operation, the first role (admin first) that its first bad request does not refuse with 401/403,
     * so that the role check never hides the input check.
     */
    private static Map<String, String> callers(List<BadRequests.Request> requests, Map<String, String> urls,
                                               ExecutorService pool) throws Exception {
        Map<String, BadRequests.Request> first = new LinkedHashMap<>();
        requests.forEach(r -> first.putIfAbsent(r.service() + r.operation(), r));
        Map<String, String> callers = new ConcurrentHashMap<>();
        List<Future<?>> probes = new ArrayList<>();
        for (var entry : first.entrySet()) {
            probes.add(pool.submit(() -> {
                String chosen = ROLES.get(0);
                for (String role : ROLES) {
                    int status = send(entry.getValue(), urls, role).statusCode();
                    if (status != 401 && status != 403) {
                        chosen = role;
                        break;
                    }
                }
                callers.put(entry.getKey(), chosen);
                return null;
            }));
        }
        for (Future<?> probe : probes) {
            probe.get();
        }
        return callers;
    }

    // ---- the answer

    /** What is wrong with the answer to one bad request, or null when it is refused as the dialect says. */
    private static String check(BadRequests.Request request, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body();
        String type = answer.headers().firstValue("Content-Type").orElse("none");
        if (ErrorDialectTest.LEAK.matcher(body).find()) {
            return status + " with a Java name: " + shorten(body);
        }
        if (status / 100 == 2 && request.operation().equals("sendDeviceReadings") && request.field().startsWith("[0].")) {
            return refusedReading(request, body);
        }
        if (status != 400 && status != 415 && status != 422) {
            return status + ", expected 400/415/422: " + shorten(body);
        }
        if (!type.startsWith("application/problem+json")) {
            return status + " as " + type + ", expected application/problem+json: " + shorten(body);
        }
        List<String> named = new ArrayList<>();
        try {
            JSON.readTree(body).path("errors").forEach(e -> named.add(e.path("field").asText()));
        } catch (Exception e) {
            return status + " not JSON: " + shorten(body);
        }
        if (named.isEmpty() || !named.stream().allMatch(request.field()::equals)) {
            return status + " names " + named + ", expected '" + request.field() + "' alone: " + shorten(body);
        }
        return null;
    }

    /**
     * What is wrong with the answer to a read's base request, sent unchanged with the role its bad requests go with,
     * or null when it is accepted: a 2xx, or a 404 problem naming no input where the demo data has no record of
     * the kind the path names (so a real id could not be put in).
     */
    private static String checkBase(BadRequests.Request base, List<String> notInDemoData, Map<String, String> urls,
                                    String role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(base.service()) + base.target()))
                .timeout(Duration.ofSeconds(60)).GET();
        if (!base.headers().containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + TOKENS.get(role));
        }
        base.headers().forEach(request::header);
        HttpResponse<java.io.InputStream> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = answer.headers().firstValue("Content-Type").orElse("none");
        String body;
        try (java.io.InputStream in = answer.body()) {
            // a stream (server-sent events) is accepted once its head is: its body never ends
            body = type.startsWith("text/event-stream") ? ""
                    : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        int status = answer.statusCode();
        if (status / 100 == 2) {
            return null;
        }
        if (status == 404 && notInDemoData.contains(base.service() + " " + base.operation())
                && type.startsWith("application/problem+json") && !body.contains("\"errors\"")) {
            return null;
        }
        return "the base itself answers " + status + " as " + role + ": " + shorten(body);
    }

    /** A device's batch answer: nothing accepted, the reading refused naming its field. */
    private static String refusedReading(BadRequests.Request request, String body) {
        try {
            JsonNode result = JSON.readTree(body);
            String field = request.field().substring("[0].".length());
            List<String> refused = new ArrayList<>();
            result.path("refusals").forEach(r -> refused.add(r.path("field").asText()));
            if (result.path("accepted").asInt(-1) != 0 || refused.isEmpty()
                    || !refused.stream().allMatch(field::equals)) {
                return "accepted " + result.path("accepted") + ", refusals name " + refused + ", expected '" + field
                        + "' alone refused: " + shorten(body);
            }
            return null;
        } catch (Exception e) {
            return "2xx not JSON: " + shorten(body);
        }
    }

    // ---- what is stored

    /**
     * The position of patient-service's change feed, and the totalItems of every list of the three services that
     * needs no parameter (audit trails aside: they record the reads themselves).
     */
    private static Map<String, Long> whatIsStored(Map<String, JsonNode> documents, Map<String, String> urls)
            throws Exception {
        Map<String, Long> stored = new TreeMap<>();
        long cursor = 0;
        for (boolean more = true; more; ) {
            JsonNode page = getJson(system.patientUrl() + "/api/v1/changes?limit=500&after=" + cursor, "admin");
            cursor = page.path("nextCursor").asLong(cursor);
            more = page.path("hasMore").asBoolean();
        }
        stored.put("patient-service change feed position", cursor);
        for (var document : documents.entrySet()) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.getValue().path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                JsonNode list = path.getValue().path("get");
                if (path.getKey().contains("{") || path.getKey().contains("audit") || list.isMissingNode()
                        || !list.path("parameters").toString().contains("\"size\"")) {
                    continue;
                }
                JsonNode page = getJson(urls.get(document.getKey()) + path.getKey() + "?size=1", "admin");
                if (page.has("totalItems")) {
                    stored.put(document.getKey() + " " + path.getKey(), page.path("totalItems").asLong());
                }
            }
        }
        return stored;
    }

    // ---- HTTP

    private static HttpResponse<String> send(BadRequests.Request request, Map<String, String> urls, String role)
            throws Exception {
        return send(request.method(), urls.get(request.service()) + request.target(),
                request.headers().containsKey("Authorization") ? null : TOKENS.get(role),
                withContentType(request), request.body());
    }

    private static Map<String, String> withContentType(BadRequests.Request request) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (request.contentType() != null) {
            headers.put("Content-Type", request.contentType());
        }
        return headers;
    }

    private static JsonNode getJson(String url, String role) throws Exception {
        HttpResponse<String> answer = send("GET", url, TOKENS.get(role), Map.of(), null);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : JSON.createObjectNode();
    }

    private static HttpResponse<String> send(String method, String url, String token, Map<String, String> headers,
                                             byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String shorten(String body) {
        String flat = body == null ? "" : body.replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
