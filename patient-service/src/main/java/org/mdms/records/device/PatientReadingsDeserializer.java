package org.mdms.records.device;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** The readings topic's values (JSON, written by Quarkus' ObjectMapperSerializer). */
public class PatientReadingsDeserializer extends ObjectMapperDeserializer<PatientReadings> {

    public PatientReadingsDeserializer() {
        super(PatientReadings.class);
    }
}
