package org.mdms.records.alert;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.mdms.records.Pause.pause;
import static io.restassured.RestAssured.given;

/**
 * A patient on the clinic's ward (an OPEN visit in its department, so the clinic's nurse and doctor treat them) and
 * helpers to type in readings and wait for the alerts they raise, within a bound.
 */
final class Ward {

    static final Duration BOUND = Duration.ofSeconds(15);

    final Clinic clinic = Clinic.get();
    final TestUsers.Account patient;
    final long patientId;
    /** Readings are typed in relative to this instant (in the past, so none is "in the future"). */
    final Instant base = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    Ward() {
        patient = TestUsers.patient();
        patientId = patient.recordId();
        clinic.openVisit(patientId);
    }

    static Map<String, Object> reading(long patientId, String type, Object value, Instant at) {
        Map<String, Object> r = new HashMap<>();
        r.put("patientId", patientId);
        r.put("type", type);
        r.put("value", value);
        r.put("measuredAt", at.toString());
        if (type.equals("BLOOD_PRESSURE")) {
            r.put("secondaryValue", 70);
        }
        return r;
    }

    /** Readings as {type, value, seconds after base} triples, typed in by the clinic's nurse in one batch. */
    void record(Object... triples) {
        given().auth().oauth2(clinic.nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("readings", readings(triples))).post("/api/v1/vital-signs/batch").then().statusCode(201);
    }

    private List<Map<String, Object>> readings(Object... triples) {
        List<Map<String, Object>> readings = new ArrayList<>();
        for (int i = 0; i < triples.length; i += 3) {
            readings.add(reading(patientId, (String) triples[i], triples[i + 1],
                    base.plusSeconds(((Number) triples[i + 2]).longValue())));
        }
        return readings;
    }

    JsonPath alerts(String token, String... query) {
        var request = given().auth().oauth2(token).queryParam("patientId", patientId);
        for (int i = 0; i + 1 < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
    }

    /** The patient's alert of this rule code once it satisfies the condition; fails after the bound. */
    Map<String, Object> awaitAlert(String code, Predicate<Map<String, Object>> condition) {
        Instant until = Instant.now().plus(BOUND);
        Map<String, Object> last = null;
        while (Instant.now().isBefore(until)) {
            List<Map<String, Object>> items = alerts(TestUsers.adminToken(), "size", "200").getList("items");
            for (Map<String, Object> alert : items) {
                if (code.equals(alert.get("ruleCode"))) {
                    last = alert;
                    if (condition.test(alert)) {
                        return alert;
                    }
                }
            }
            pause(200);
        }
        throw new AssertionError("no " + code + " alert of patient " + patientId + " met the condition within "
                + BOUND + "; last seen: " + last);
    }

    List<Map<String, Object>> alertsOf(String code) {
        return alerts(TestUsers.adminToken(), "size", "200").<Map<String, Object>>getList("items").stream()
                .filter(alert -> code.equals(alert.get("ruleCode"))).toList();
    }

    private int witnessed;

    /**
     * Types the readings in together with a TEMPERATURE 39.5 and waits until TEMPERATURE_HIGH counted it: a
     * patient's rules are judged one after the other in the order of their codes, so once the witness (the last
     * code) is counted, every rule of this batch has been judged.
     */
    void recordJudged(Object... triples) {
        record(witnessed(triples));
        awaitWitness();
    }

    /**
     * recordJudged for several patients of the clinic typed in as ONE batch (one stored group): each ward with its
     * triples, each with its own witness.
     */
    static void recordJudgedTogether(Map<Ward, Object[]> triplesByWard) {
        List<Map<String, Object>> readings = new ArrayList<>();
        triplesByWard.forEach((ward, triples) -> readings.addAll(ward.readings(ward.witnessed(triples))));
        given().auth().oauth2(Clinic.get().nurse.token()).contentType(ContentType.JSON)
                .body(Map.of("readings", readings)).post("/api/v1/vital-signs/batch").then().statusCode(201);
        triplesByWard.keySet().forEach(Ward::awaitWitness);
    }

    private Object[] witnessed(Object... triples) {
        Object[] all = java.util.Arrays.copyOf(triples, triples.length + 3);
        all[triples.length] = "TEMPERATURE";
        all[triples.length + 1] = 39.5;
        all[triples.length + 2] = 1000 + witnessed;
        return all;
    }

    private void awaitWitness() {
        int expected = ++witnessed;
        awaitAlert("TEMPERATURE_HIGH", alert -> ((Number) alert.get("breaches")).intValue() >= expected);
    }
}
