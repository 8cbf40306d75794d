package org.mdms.records;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.HostileRequests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of patient-service's own OpenAPI document attacked with bad input (see {@link HostileRequests}):
 * no 5xx, every error problem+json without Java class names, naming the field or parameter at fault, and no row of
 * any table written by a refused request.
 */
@QuarkusTest
class HostileInputTest {

    @Test
    void everyOperationRefusesBadInputCleanlyAndWritesNothing() throws SQLException {
        List<Supplier<RequestSpecification>> callers = new ArrayList<>();
        for (String token : List.of(TestUsers.adminToken(), TestUsers.staff("DOCTOR").token(),
                TestUsers.staff("NURSE").token(), TestUsers.staff("PHARMACIST").token(),
                TestUsers.staff("TECHNICIAN").token(), TestUsers.analyst().token(), TestUsers.patient().token())) {
            callers.add(() -> given().auth().oauth2(token));
        }
        // first: the admin, except that the readings of device 1 (the path's {id}) go with that device's credential
        String admin = "Bearer " + TestUsers.adminToken();
        String device = deviceOneWithCredential();
        callers.add(0, () -> given().filter((request, response, context) -> {
            request.replaceHeader("Authorization", request.getURI().contains("/api/v1/devices/1/measurements")
                    ? device : admin);
            return context.next(request, response);
        }));
        Map<String, Long> before = rowCounts();

        HostileRequests hostile = new HostileRequests(HostileRequests.openApi(given()), Map.of(), callers, Set.of());
        List<String> failures = hostile.run();

        assertTrue(hostile.sent() > 500, "the document yields hundreds of hostile requests, sent " + hostile.sent());
        assertTrue(failures.isEmpty(), failures.size() + " of " + hostile.sent() + " hostile requests were not refused "
                + "cleanly:\n" + String.join("\n", failures));
        assertEquals(before, rowCounts(), "a refused request changed a table");
    }

    /** Device 1, ACTIVE, with a secret set here, so its batch endpoint is reached past the credential check. */
    private static String deviceOneWithCredential() throws SQLException {
        String secret = "hostile-input-test-secret";
        String hash;
        try {
            hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = TestUsers.jdbc(); java.sql.PreparedStatement s = c.prepareStatement("""
                INSERT INTO device (id, serial_number, type, status, credential_hash, credential_issued_at,
                                    created_at, updated_at)
                VALUES (1, 'HOSTILE-1', 'TEST', 'ACTIVE', ?, NOW(6), NOW(6), NOW(6))
                ON DUPLICATE KEY UPDATE status = 'ACTIVE', credential_hash = VALUES(credential_hash)""")) {
            s.setString(1, hash);
            s.executeUpdate();
        }
        return "Device 1:" + secret;
    }

    /** Rows in every table of the records schema. */
    static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestUsers.jdbc(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }
}
