package org.mdms.records.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ParameterConstraints;
import org.mdms.records.TestUsers;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document's query-parameter constraints are this service's (see {@link ParameterConstraints}). */
@QuarkusTest
class ParameterConstraintTest {

    private static String token() {
        return TestUsers.adminToken();
    }

    @Test
    void everyDeclaredConstraintIsTheServersAndNoServerRuleIsUndeclared() {
        ParameterConstraints.Result found = ParameterConstraints.check(ParameterConstraintTest::token);
        assertEquals(List.of(), found.wrong());
        int enums = found.enums();
        int patterns = found.patterns();
        assertTrue(enums >= 6, "the document declares the service's enum parameters: " + enums);
        assertTrue(patterns >= 20, "the document declares the service's patterns and formats: " + patterns);
    }
}
