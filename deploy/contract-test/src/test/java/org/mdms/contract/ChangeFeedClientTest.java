package org.mdms.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mdms.client.patient.JSON;
import org.mdms.client.patient.model.ChangeEvent;
import org.mdms.client.patient.model.ChangePage;
import org.mdms.client.patient.model.VitalSignBatchChangeEvent;
import org.mdms.client.patient.model.VitalSignChange;
import org.mdms.client.patient.model.VitalSignChangeEvent;
import org.mdms.client.patient.model.VitalType;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The change feed's events as the generated okhttp-gson client reads them, without a running service: a page made of
 * the examples patient-service's document gives for its VITAL_SIGN and VITAL_SIGN_BATCH events goes through the
 * client's own JSON, and each event comes out as the model its entityType names (ClinicalStoryTest reads real ones).
 */
class ChangeFeedClientTest {

    @Test
    void theGeneratedClientReadsAVitalSignBatchEventByItsEntityType() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(Contract.current("patient-service").toFile())
                .path("components").path("schemas");
        // OpenAPI 3.1: a schema's examples are a list
        JsonNode batchExample = schemas.path("VitalSignBatchChangeEvent").path("examples").path(0);
        assertEquals("VITAL_SIGN_BATCH", batchExample.path("entityType").asText(), "the document's example: "
                + batchExample);
        String single = """
                {"seq": 1042, "entityType": "VITAL_SIGN", "entityId": 4096, "operation": "UPSERT",
                 "occurredAt": "2026-11-21T02:00:00.500Z",
                 "payload": {"id": 4096, "patientId": 7, "visitId": 301, "type": "SPO2", "value": 97,
                             "secondaryValue": null, "unit": "%", "abnormal": false,
                             "measuredAt": "2026-11-21T01:59:00Z"}}""";
        String page = "{\"events\": [" + single + ", " + batchExample + "], \"nextCursor\": 1043, \"hasMore\": false}";

        ChangePage read = JSON.deserialize(page, ChangePage.class);
        List<ChangeEvent> events = read.getEvents();
        assertEquals(2, events.size());
        assertInstanceOf(VitalSignChangeEvent.class, events.get(0).getActualInstance());
        VitalSignBatchChangeEvent batch = assertInstanceOf(VitalSignBatchChangeEvent.class,
                events.get(1).getActualInstance());
        assertEquals(VitalSignBatchChangeEvent.EntityTypeEnum.VITAL_SIGN_BATCH, batch.getEntityType());
        List<VitalSignChange> vitalSigns = batch.getPayload().getVitalSigns();
        assertEquals(batchExample.path("payload").path("vitalSigns").size(), vitalSigns.size());
        assertEquals(batch.getEntityId(), vitalSigns.get(0).getId(), "named after its first reading");
        VitalSignChange bloodPressure = vitalSigns.get(1);
        assertEquals(VitalType.BLOOD_PRESSURE, bloodPressure.getType());
        assertEquals(0, new BigDecimal("82").compareTo(bloodPressure.getSecondaryValue()));
        assertNull(vitalSigns.get(0).getVisitId());
        assertEquals(1043L, read.getNextCursor());
    }
}
