package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.PatientServiceResource;
import org.mdms.local.testing.HostileRequests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of analytics-service's own OpenAPI document attacked with bad input (see {@link HostileRequests}):
 * no 5xx, every error problem+json without Java class names, naming the parameter at fault, and no row of the
 * warehouse written by a refused request.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {

    /** Takes no input at all: nothing to attack, and running it would fill the warehouse. */
    private static final Set<String> NO_INPUT = Set.of("POST /api/v1/sync");

    @Test
    void everyOperationRefusesBadInputCleanlyAndWritesNothing() throws SQLException {
        List<Supplier<RequestSpecification>> callers = new ArrayList<>();
        for (String user : List.of("admin", "analyst", "doctor")) {
            Peer peer = Peer.login(user);
            callers.add(peer::analytics);
        }
        Map<String, Long> before = rowCounts();

        HostileRequests hostile = new HostileRequests(HostileRequests.openApi(given()), Map.of(), callers, NO_INPUT);
        List<String> failures = hostile.run();

        assertTrue(hostile.sent() > 100, "the document yields many hostile requests, sent " + hostile.sent());
        assertTrue(failures.isEmpty(), failures.size() + " of " + hostile.sent() + " hostile requests were not refused "
                + "cleanly:\n" + String.join("\n", failures));
        assertEquals(before, rowCounts(), "a refused request changed the warehouse");
    }

    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, String> db = PatientServiceResource.startOnce();
        Properties login = new Properties();
        login.put("user", db.get("mdms.db.user"));
        login.put("password", db.get("mdms.db.password"));
        Map<String, Long> counts = new TreeMap<>();
        // the driver directly: DriverManager does not see drivers of Quarkus' test class loader
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect("jdbc:mysql://" + db.get("mdms.db.host") + ":"
                + db.get("mdms.db.port") + "/mdms_warehouse?sslMode=DISABLED&allowPublicKeyRetrieval=true", login);
             Statement s = c.createStatement()) {
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
