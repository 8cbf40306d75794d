package org.mdms.contract;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's document, as this build wrote it, against the released one (released/&lt;service&gt;.json): within
 * /api/v1 only additions, unless a breaking change is announced in announced-breaking-changes.md (README: policy).
 */
class CompatibilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"patient-service", "imaging-service", "analytics-service"})
    void theCurrentDocumentBreaksNothingUnannounced(String service) throws Exception {
        String released = Files.readString(Contract.released(service), StandardCharsets.UTF_8);
        String current = Files.readString(Contract.current(service), StandardCharsets.UTF_8);

        List<String> breaking = CompatibilityCheck.breakingChanges(released, current);
        List<String> unannounced = CompatibilityCheck.unannounced(service, breaking, Contract.announcements());

        assertTrue(unannounced.isEmpty(), service + " breaks its released /api/v1 contract without an announcement in "
                + "deploy/contract-test/announced-breaking-changes.md:\n  " + String.join("\n  ", unannounced)
                + "\nKeep the change additive, or move it to /api/v2, or announce it (see deploy/contract-test/README.md).");
    }
}
