package org.mdms.records.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/** The pipeline the configuration asks for (mdms.ingest.kafka.enabled), chosen once at start-up. */
@ApplicationScoped
public class ReadingPipelines {

    @Produces
    @ApplicationScoped
    ReadingPipeline pipeline(KafkaIngestSettings settings, Instance<DirectReadingPipeline> direct,
                             Instance<KafkaReadingPipeline> kafka) {
        return settings.enabled() ? kafka.get() : direct.get();
    }
}
