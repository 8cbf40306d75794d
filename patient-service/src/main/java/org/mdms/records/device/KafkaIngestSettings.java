package org.mdms.records.device;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * mdms.ingest.kafka.*: readings through Kafka before storage (env MDMS_INGEST_KAFKA_ENABLED, ..._TOPIC,
 * ..._DEAD_LETTER_TOPIC, ..._PARTITIONS, ..._REPLICATION_FACTOR; the broker is KAFKA_BOOTSTRAP_SERVERS).
 */
@ConfigMapping(prefix = "mdms.ingest.kafka")
public interface KafkaIngestSettings {

    /** Off: readings are stored directly and nothing connects to Kafka. */
    @WithDefault("false")
    boolean enabled();

    /** The readings' topic; records are keyed by patient id, so one patient's readings stay in order. */
    @WithDefault("mdms.readings")
    String topic();

    /** Where records that can never be stored are set aside with their reason (UnstorableReadings; one partition). */
    @WithDefault("mdms.readings.dead")
    String deadLetterTopic();

    /** Partitions of the topic when this service creates it (the most consumers that share the work). */
    @WithDefault("6")
    int partitions();

    /** Replicas of each partition when this service creates the topic (1 for a one-node broker). */
    @WithDefault("1")
    short replicationFactor();
}
