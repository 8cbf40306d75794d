package org.mdms.records.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reactive MySQL client's per-connection gauges (mysql.queue.size, mysql.current: one id for every connection,
 * so only the first one's values, and a start-up warning for the others) are left out; the pool's gauges, which count
 * every connection, are there.
 */
@QuarkusTest
class ConnectionGaugesTest {

    @Test
    void theDatabaseIsMeasuredByItsPoolNotByOneOfItsConnections() {
        String admin = TestUsers.adminToken();
        // several requests at once, so the pool opens more than one connection
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> given().auth().oauth2(admin).get("/api/v1/users?size=5").statusCode())).toList();
        calls.forEach(call -> assertTrue(call.join() == 200));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<String> lines = metrics.lines().filter(line -> !line.startsWith("#")).toList();
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("mysql_queue_size")
                || line.startsWith("mysql_current")), String.join("\n", lines.stream()
                .filter(line -> line.startsWith("mysql_")).toList()));
        assertTrue(lines.stream().anyMatch(line -> line.contains("pool_type=\"sql\"") && line.contains("queue_size")),
                String.join("\n", lines.stream().filter(line -> line.contains("pool")).toList()));
    }
}
