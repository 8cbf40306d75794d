package org.mdms.imaging.openapi;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.OpenApiContract;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published document is this service's contract (see {@link OpenApiContract}); what differs here is its own. */
@QuarkusTest
class ApiContractTest {

    private static final Set<String> PUBLIC = Set.of();
    private static final Set<String> CREATES = Set.of("uploadImage");
    private static final Set<String> BINARIES = Set.of("downloadImage", "getImageThumbnail", "getImagePreview");

    private OpenApiContract contract;

    @BeforeEach
    void load() {
        contract = OpenApiContract.load(16, PUBLIC);
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        assertEquals(List.of(), contract.operationIdProblems());
        assertTrue(contract.operationIds().containsAll(
                Set.of("uploadImage", "searchImages", "getImage", "downloadImage", "getImageThumbnail")));
    }

    @Test
    void oneBearerSchemeAppliedToEveryOperationAndPublicOnesMarked() {
        assertEquals(List.of(), contract.securityProblems());
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
    void binariesAreTypedAsBinaryUnderImageMediaTypes() {
        assertEquals(List.of(), contract.binaryProblems(BINARIES, types -> types.contains("image/jpeg")));
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
