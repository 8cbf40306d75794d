package org.mdms.imaging.hostile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.local.testing.HostileRequests;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

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
 * Every operation of imaging-service's own OpenAPI document attacked with bad input (see {@link HostileRequests}):
 * no 5xx, every error problem+json without Java class names, naming the parameter at fault, and nothing written by a
 * refused request (rows of every table and the objects in the bucket).
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {

    /** Jobs that take no input at all: nothing to attack, and running them would change the store. */
    private static final Set<String> NO_INPUT = Set.of("POST /api/v1/admin/images/scrub",
            "POST /api/v1/admin/images/purge", "POST /api/v1/admin/images/sweep-temp");

    @Test
    void everyOperationRefusesBadInputCleanlyAndWritesNothing() throws SQLException {
        long image = Api.uploadJpeg("admin", Peers.patientP(), "PRIVATE");
        awaitThumbnails(image);
        List<Supplier<RequestSpecification>> callers = new ArrayList<>();
        for (String user : List.of("admin", "doctor", "technician", "patient")) {
            callers.add(() -> Api.as(user));
        }
        Map<String, Long> rowsBefore = rowCounts();
        int objectsBefore = Bucket.all().size();

        HostileRequests hostile = new HostileRequests(HostileRequests.openApi(given()),
                Map.of("id", Long.toString(image)), callers, NO_INPUT);
        List<String> failures = hostile.run();

        assertTrue(hostile.sent() > 100, "the document yields many hostile requests, sent " + hostile.sent());
        assertTrue(failures.isEmpty(), failures.size() + " of " + hostile.sent() + " hostile requests were not refused "
                + "cleanly:\n" + String.join("\n", failures));
        Map<String, Long> rowsAfter = rowCounts();
        // a read that was answered (a long search text) is audited like any read; refused ones leave no trace
        long audited = rowsAfter.remove("audit_event") - rowsBefore.remove("audit_event");
        assertTrue(audited <= hostile.accepted().size(), audited + " audit events for " + hostile.accepted().size()
                + " answered reads: " + hostile.accepted());
        assertEquals(rowsBefore, rowsAfter, "a refused request changed a table");
        assertEquals(objectsBefore, Bucket.all().size(), "a refused request changed the bucket");
    }

    /** Thumbnails are made in the background; wait for them so the bucket is still while the attack runs. */
    private static void awaitThumbnails(long image) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if ("READY".equals(Api.as("admin").get("/api/v1/images/" + image).jsonPath().getString("thumbnailStatus"))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the thumbnails of image " + image + " were not made within 60 s");
    }

    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, String> db = ImagingPeersResource.direct();
        Properties login = new Properties();
        login.put("user", db.get("mdms.db.user"));
        login.put("password", db.get("mdms.db.password"));
        Map<String, Long> counts = new TreeMap<>();
        // the driver directly: DriverManager does not see drivers of Quarkus' test class loader
        try (Connection c = new com.mysql.cj.jdbc.Driver().connect("jdbc:mysql://" + db.get("mdms.db.host") + ":"
                + db.get("mdms.db.port") + "/mdms_imaging?sslMode=DISABLED&allowPublicKeyRetrieval=true", login);
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
