package org.mdms.records.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.OpenApiContract;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published document is this service's contract (see {@link OpenApiContract}); what differs here is its own. */
@QuarkusTest
class ApiContractTest {

    private static final Set<String> PUBLIC = Set.of("signIn", "refreshTokens", "signOut", "getSigningKeys",
            "getRevocations");
    private static final Set<String> CREATES = Set.of("registerHospital", "createDepartment", "createUser",
            "hireStaff", "registerPatient", "openVisit", "recordExamination", "addDrug", "prescribe",
            "recordVitalSign", "recordVitalSignBatch", "breakTheGlass", "registerDevice", "assignDevice");
    /** Sent by a device with its own credential (the device scheme), not by a user's bearer token. */
    private static final Set<String> BY_DEVICE = Set.of("sendDeviceReadings");

    private OpenApiContract contract;

    @BeforeEach
    void load() {
        contract = OpenApiContract.load(41, PUBLIC);
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        assertEquals(List.of(), contract.operationIdProblems());
        assertTrue(contract.operationIds().containsAll(
                Set.of("registerPatient", "searchPatients", "getPatient", "prescribe", "signIn")));
    }

    @Test
    void oneBearerSchemeAppliedToEveryOperationAndPublicOnesMarked() {
        assertEquals(List.of(), contract.securityProblems(Map.of("device", new OpenApiContract.OtherScheme(
                Map.of("type", "apiKey", "in", "header", "name", "Authorization"), BY_DEVICE))));
    }

    @Test
    void everyErrorResponseIsAProblemAndTheExpectedStatusesAreDeclared() {
        assertEquals(List.of(), contract.errorResponseProblems(path -> path.contains("{id}")));
    }

    @Test
    void createsDeclare201WithTheEntity() {
        assertEquals(List.of(), contract.createProblems(CREATES));
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
