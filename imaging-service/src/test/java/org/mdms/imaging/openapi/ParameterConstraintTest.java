package org.mdms.imaging.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.local.testing.ParameterConstraints;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The document's query-parameter constraints are this service's (see {@link ParameterConstraints}). */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class ParameterConstraintTest {

    private static String token() {
        return Peers.token("admin");
    }

    @Test
    void everyDeclaredConstraintIsTheServersAndNoServerRuleIsUndeclared() {
        ParameterConstraints.Result found = ParameterConstraints.check(ParameterConstraintTest::token);
        assertEquals(List.of(), found.wrong());
        int enums = found.enums();
        int patterns = found.patterns();
        assertTrue(enums >= 4, "the document declares the service's enum parameters: " + enums);
        assertTrue(patterns >= 6, "the document declares the service's patterns and formats: " + patterns);
    }
}
