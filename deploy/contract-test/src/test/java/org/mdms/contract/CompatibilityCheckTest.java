package org.mdms.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compatibility check itself: deliberately broken copies of the released patient-service document. */
class CompatibilityCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRemovedOperationAndANewRequiredParameterAreReported() throws Exception {
        String released = released();
        ObjectNode broken = (ObjectNode) JSON.readTree(released);
        ObjectNode paths = (ObjectNode) broken.get("paths");
        ((ObjectNode) paths.get("/api/v1/drugs/{id}")).remove("get");
        ArrayNode parameters = ((ObjectNode) paths.get("/api/v1/patients").get("get")).withArray("parameters");
        parameters.addObject().put("name", "ward").put("in", "query").put("required", true)
                .putObject("schema").put("type", "string");

        List<String> breaking = CompatibilityCheck.breakingChanges(released, JSON.writeValueAsString(broken));

        assertTrue(breaking.contains("GET /api/v1/drugs/{id}: operation removed"), "removed getDrug: " + breaking);
        assertTrue(breaking.stream().anyMatch(b -> b.startsWith("GET /api/v1/patients: ") && b.contains("parameters")),
                "new required parameter of searchPatients: " + breaking);
        assertEquals(2, breaking.size(), "nothing else changed: " + breaking);
    }

    @Test
    void additionsAreNotBreaking() throws Exception {
        String released = released();
        ObjectNode added = (ObjectNode) JSON.readTree(released);
        ObjectNode paths = (ObjectNode) added.get("paths");
        ((ObjectNode) paths.get("/api/v1/patients").get("get")).withArray("parameters").addObject()
                .put("name", "ward").put("in", "query").put("required", false).putObject("schema").put("type", "string");
        ObjectNode newOperation = paths.putObject("/api/v1/wards").putObject("get").put("operationId", "searchWards");
        newOperation.putObject("responses").putObject("200").put("description", "the wards");

        assertEquals(List.of(), CompatibilityCheck.breakingChanges(released, JSON.writeValueAsString(added)));
    }

    @Test
    void anAnnouncedBreakingChangePassesAndOnlyForItsService(@TempDir Path dir) throws Exception {
        String released = released();
        ObjectNode broken = (ObjectNode) JSON.readTree(released);
        ((ObjectNode) broken.get("paths").get("/api/v1/drugs/{id}")).remove("get");
        List<String> breaking = CompatibilityCheck.breakingChanges(released, JSON.writeValueAsString(broken));
        Path announcements = Files.writeString(dir.resolve("announced.md"), """
                # Announced breaking changes
                - `patient-service GET /api/v1/drugs/{id}` removed in 1.4, replaced by searchDrugs?code= (sunset 2027-06-30)
                """, StandardCharsets.UTF_8);

        assertEquals(List.of(), CompatibilityCheck.unannounced("patient-service", breaking, announcements));
        assertEquals(breaking, CompatibilityCheck.unannounced("imaging-service", breaking, announcements),
                "an announcement names its service");
        assertEquals(breaking, CompatibilityCheck.unannounced("patient-service", breaking, dir.resolve("absent.md")));
    }

    private static String released() throws Exception {
        return Files.readString(Contract.released("patient-service"), StandardCharsets.UTF_8);
    }
}
