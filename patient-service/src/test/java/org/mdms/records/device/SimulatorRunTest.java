package org.mdms.records.device;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.mdms.local.Simulator;
import org.mdms.records.TestUsers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./mdms simulate for a few seconds against this patient-service: every reading it sent is accounted for. */
@QuarkusTest
class SimulatorRunTest {

    @Test
    void aShortSimulationStoresWhatWasAcknowledged() throws Exception {
        TestUsers.adminToken(); // makes sure the admin the simulator signs in as exists
        long before = storedBySimulator();
        List<String> log = new ArrayList<>();
        Simulator.Totals totals = new Simulator(new Simulator.Options("http://localhost:" + RestAssured.port, 5, 4,
                3, 0.5, 1, "test-admin", TestUsers.PASSWORD, 8)).run(log::add);

        assertTrue(totals.sent() >= 5 * 4 * 4, totals + " " + log); // 5 devices, 4 readings a frame, some frames
        assertEquals(0, totals.unacknowledged(), log.toString());
        assertEquals(0, totals.refused(), log.toString());
        assertEquals(totals.sent(), totals.accepted() + totals.duplicates() + totals.refused(), totals.toString());
        assertEquals(totals.accepted(), storedBySimulator() - before, "acknowledged as accepted = new rows");
        assertTrue(log.get(log.size() - 1).startsWith("done: 5 devices"), log.toString());
    }

    private static long storedBySimulator() throws Exception {
        try (Connection db = TestUsers.jdbc();
             ResultSet count = db.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM vital_sign WHERE recorded_by LIKE 'device:SIM-%'")) {
            count.next();
            return count.getLong(1);
        }
    }
}
