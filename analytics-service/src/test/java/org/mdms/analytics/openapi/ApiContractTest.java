package org.mdms.analytics.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.OpenApiContract;
import org.mdms.local.testing.OpenApiContract.Operation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published document is this service's contract (see {@link OpenApiContract}); what differs here is its own:
 * no public operation, no create, charts as PNG or SVG, CSV answers as text and timestamps as date-time.
 */
@QuarkusTest
class ApiContractTest {

    private static final Set<String> BINARIES = Set.of("getDashboardChart", "getDrugUsageChart", "getDrugRankingChart",
            "getDoctorTopDrugsChart", "getDepartmentWorkloadChart", "getVisitTrendsChart", "getVitalSignChart");

    private OpenApiContract contract;

    @BeforeEach
    void load() {
        contract = OpenApiContract.load(16, Set.of());
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        assertEquals(List.of(), contract.operationIdProblems());
        assertTrue(contract.operationIds().containsAll(
                Set.of("getDrugRanking", "getVitalSignSummary", "syncWarehouse", "getSyncStatus")));
    }

    @Test
    void oneBearerSchemeAppliedToEveryOperationAndPublicOnesMarked() {
        assertEquals(List.of(), contract.securityProblems());
    }

    @Test
    void everyErrorResponseIsAProblemAndTheExpectedStatusesAreDeclared() {
        assertEquals(List.of(), contract.errorResponseProblems(path -> path.contains("{")));
    }

    @Test
    void chartsAreTypedAsBinaryPngOrSvg() {
        assertEquals(List.of(), contract.binaryProblems(BINARIES,
                types -> types.equals(Set.of("image/png", "image/svg+xml"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void csvAnswersAreTypedAsText() {
        int csv = 0;
        for (Operation op : contract.operations()) {
            Map<String, Object> ok = op.responses().get("200");
            Map<String, Map<String, Object>> content = ok == null ? null : (Map<String, Map<String, Object>>) ok.get("content");
            if (content == null || !content.containsKey("text/csv")) {
                continue;
            }
            csv++;
            Map<String, Object> schema = (Map<String, Object>) content.get("text/csv").get("schema");
            assertEquals("string", schema.get("type"), op + ": a CSV answer is text, not the JSON answer's object");
            assertTrue(content.containsKey("application/json"), op + " answers JSON too");
        }
        assertEquals(7, csv, "the seven questions' JSON answers can also be had as CSV");
    }

    @Test
    void timestampsAreDeclaredAsDateTime() {
        for (String timestamp : List.of("SyncStatus.properties.lastSyncedAt", "SyncStatus.properties.leaseExpiresAt",
                "Report.properties.startedAt")) {
            String ref = contract.doc().getString("components.schemas." + timestamp + ".$ref");
            String schema = ref == null ? "components.schemas." + timestamp
                    : "components.schemas." + ref.substring(ref.lastIndexOf('/') + 1);
            assertEquals("date-time", contract.doc().getString(schema + ".format"), timestamp);
        }
    }

    @Test
    void everyReferenceResolves() {
        assertEquals(List.of(), contract.unresolvedReferences());
    }

    @Test
    void theDocumentTellsTheTruthAboutSecurity() {
        assertEquals(List.of(), contract.securityUntruths());
    }

    @Test
    void everyOperationHasAnExample() {
        assertEquals(List.of(), contract.missingExamples(),
                "an example on every parameter, request body and success body (openapi/Examples)");
    }
}
