package org.mdms.analytics.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.analytics.warehouse.WarehouseReset;
import org.mdms.local.testing.PatientServiceResource;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Freshness (benchmark, not a test): with the scheduled sync at its default 5 s, how long from a prescription's
 * 201 in patient-service until question 1 shows it. Real patient-service, real feed, real scheduler (src/bench/run.sh
 * runs Quarkus profile "bench", where the sync is scheduled every 5 s as in production).
 */
@QuarkusTest
class FreshnessBenchmark {

    @Inject
    Pool pool;

    private static String login(String user) {
        return RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("username", user, "password", "mdms-demo")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().baseUri(PatientServiceResource.baseUrl()).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    @Test
    void run() throws Exception {
        WarehouseReset.reset(pool);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench-freshness.txt"), measure());
    }

    /** Measures on whatever the warehouse holds (WarehouseBenchmark calls it after its load); returns the lines. */
    static String measure() throws Exception {
        String admin = login("admin");
        String doctor = login("doctor");
        String analyst = login("analyst");
        long doctorStaff = Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(doctor.split("\\.")[1]))
                .replaceAll(".*\"staff_id\":\"?(\\d+).*", "$1"));
        long department = as(doctor).get("/api/v1/staff/" + doctorStaff).then().extract().jsonPath().getLong("departmentId");
        long patient = as(admin).body(Map.of("mrn", "FRESH-" + System.currentTimeMillis(), "name", "新鲜度", "gender", "MALE", "birthDate",
                "1990-01-01")).post("/api/v1/patients").then().statusCode(201).extract().jsonPath().getLong("id");
        long visit = as(doctor).body(Map.of("patientId", patient, "doctorId", doctorStaff, "departmentId", department,
                        "type", "OUTPATIENT", "startedAt", Instant.now().minusSeconds(60).toString()))
                .post("/api/v1/visits").then().statusCode(201).extract().jsonPath().getLong("id");
        long drug = as(admin).get("/api/v1/drugs?size=1").then().extract().jsonPath().getLong("items[0].id");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        int index = month.getMonthValue() - 1;
        // wait for the first scheduled sync to bring the catalogue in
        long waitStart = System.nanoTime();
        while (RestAssured.given().header("Authorization", "Bearer " + analyst)
                .get("/api/v1/drugs/" + drug + "/usage?year=" + month.getYear()).statusCode() != 200) {
            Thread.sleep(200);
            if (System.nanoTime() - waitStart > 60_000_000_000L) {
                throw new IllegalStateException("first sync did not happen in 60 s");
            }
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int before = RestAssured.given().header("Authorization", "Bearer " + analyst)
                    .get("/api/v1/drugs/" + drug + "/usage?year=" + month.getYear()).then().statusCode(200).extract().jsonPath().getInt("months[" + index + "].quantity");
            as(doctor).body(Map.of("visitId", visit, "items", List.of(Map.of("drugId", drug, "quantity", 3,
                    "dosage", "每次1片", "frequency", "每日3次", "days", 3)))).post("/api/v1/prescriptions")
                    .then().statusCode(201);
            long t0 = System.nanoTime();
            while (true) {
                var response = RestAssured.given().header("Authorization", "Bearer " + analyst)
                        .get("/api/v1/drugs/" + drug + "/usage?year=" + month.getYear());
                if (response.statusCode() == 200 && response.jsonPath().getInt("months[" + index + "].quantity")
                        >= before + 3) {
                    break;
                }
                Thread.sleep(100);
                if (System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new IllegalStateException("not visible after 60 s");
                }
            }
            seconds.add((System.nanoTime() - t0) / 1e9);
            Thread.sleep(1300L * (i + 1) % 5000);
        }
        double[] s = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String line = String.format("BENCH freshness (sync every 5 s): %d prescriptions, visible after min %.1f s, "
                + "median %.1f s, max %.1f s%n", s.length, s[0], s[s.length / 2], s[s.length - 1]);
        line += "BENCH freshness samples " + Arrays.toString(s) + "\n";
        System.out.println(line);
        return line;
    }
}
