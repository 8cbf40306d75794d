package org.mdms.imaging.patient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import org.junit.jupiter.api.Test;
import org.mdms.common.StrictJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A request with a control character in its text is refused, but patient-service's answer about a record stored
 * before that rule stays readable: the client mapper reads text as stored and is otherwise as strict.
 */
class PeerAnswersTest {

    private static final String STORED_WITH_NUL = "{\"id\": 7, \"mrn\": \"MRN-1\", \"name\": \"张\\u0000伟\", "
            + "\"birthDate\": \"1980-05-17\"}";

    @Test
    void aPeersRecordWithAControlCharacterIsReadAsStoredWhileARequestWithOneIsRefused() throws Exception {
        ObjectMapper strict = new ObjectMapper().findAndRegisterModules();
        new StrictJson().customize(strict);
        ObjectMapper peers = StrictJson.forPeerAnswers(strict);

        assertThrows(InvalidFormatException.class, () -> strict.readValue(STORED_WITH_NUL, PatientRefs.PatientRef.class));
        PatientRefs.PatientRef read = peers.readValue(STORED_WITH_NUL, PatientRefs.PatientRef.class);
        assertEquals("张\u0000伟", read.name());
        assertEquals(7L, read.id());
        // otherwise as strict: a fraction is no id
        assertThrows(InvalidFormatException.class, () -> peers.readValue(
                "{\"id\": 7.5, \"mrn\": \"MRN-1\", \"name\": \"张伟\"}", PatientRefs.PatientRef.class));
    }
}
