package org.mdms.records.device;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The consumer side of the readings topic (channel readings-in, one consumer group shared by every replica, so each
 * partition, and with it each patient, is stored by one replica at a time, in order). Records are stored through
 * MeasurementIngest.write, the same write as the direct path: duplicates dropped, change events, then alerts. The
 * offsets are committed only after the write, so a crash re-delivers (at least once) and the duplicate check makes
 * that harmless. A write that fails (database down) is retried with back-off and holds its partition meanwhile.
 * Unused (the channel is disabled) while mdms.ingest.kafka.enabled=false.
 */
@ApplicationScoped
public class KafkaReadingStore {

    private static final Logger LOG = Logger.getLogger(KafkaReadingStore.class);

    private final MeasurementIngest ingest;
    private final IngestSettings settings;

    KafkaReadingStore(MeasurementIngest ingest, IngestSettings settings) {
        this.ingest = ingest;
        this.settings = settings;
    }

    /** A poll's records, written in transactions of at most max-readings readings, one after the other. */
    @Incoming("readings-in")
    public Uni<Void> store(List<PatientReadings> records) {
        return Multi.createFrom().iterable(groups(records))
                .onItem().transformToUniAndConcatenate(this::write)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> write(List<MeasurementIngest.Prepared> group) {
        return Uni.createFrom().deferred(() -> ingest.write(group))
                .onFailure().invoke(failure -> LOG.warnf(failure, "readings from Kafka not stored yet (%d records); "
                        + "retrying", group.size()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    private List<List<MeasurementIngest.Prepared>> groups(List<PatientReadings> records) {
        List<List<MeasurementIngest.Prepared>> groups = new ArrayList<>();
        List<MeasurementIngest.Prepared> group = new ArrayList<>();
        int readings = 0;
        for (PatientReadings record : records) {
            if (!group.isEmpty() && readings + record.readings().size() > settings.maxReadings()) {
                groups.add(group);
                group = new ArrayList<>();
                readings = 0;
            }
            group.add(record.prepared());
            readings += record.readings().size();
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
