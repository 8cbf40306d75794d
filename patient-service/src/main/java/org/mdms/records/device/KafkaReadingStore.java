package org.mdms.records.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * that harmless. A write that fails for a transient reason (database down) is retried with back-off and holds its
 * partition meanwhile; a record that can never be stored (StoreFailures.permanent: unreadable, or its data refused
 * by the database) is set aside in the dead-letter topic (UnstorableReadings) and the partition moves on.
 * Unused (the channels are disabled) while mdms.ingest.kafka.enabled=false.
 */
@ApplicationScoped
public class KafkaReadingStore {

    private static final Logger LOG = Logger.getLogger(KafkaReadingStore.class);

    private final MeasurementIngest ingest;
    private final IngestSettings settings;
    private final UnstorableReadings unstorable;
    private final ObjectMapper json;

    KafkaReadingStore(MeasurementIngest ingest, IngestSettings settings, UnstorableReadings unstorable,
                      ObjectMapper json) {
        this.ingest = ingest;
        this.settings = settings;
        this.unstorable = unstorable;
        this.json = json;
    }

    /** A record read back into the batch it was made from. */
    private record Received(ConsumerRecord<byte[], byte[]> record, MeasurementIngest.Prepared readings) {
    }

    /**
     * A poll's records: the unreadable ones set aside, the others written in transactions of at most max-readings
     * readings, one after the other.
     */
    @Incoming("readings-in")
    public Uni<Void> store(ConsumerRecords<byte[], byte[]> polled) {
        Uni<Void> steps = Uni.createFrom().voidItem();
        List<Received> readable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            try {
                readable.add(new Received(record, PatientReadings.read(json, record.value()).prepared()));
            } catch (UnreadableRecord unreadable) {
                steps = steps.chain(() -> unstorable.setAside(record, unreadable));
            }
        }
        for (List<Received> group : groups(readable)) {
            steps = steps.chain(() -> write(group));
        }
        return steps;
    }

    /**
     * One transaction for the group, retried while the failure is transient. Refused for good: a single record is
     * set aside; a group is written again record by record, so only the records that cannot be stored are.
     */
    private Uni<Void> write(List<Received> group) {
        return Uni.createFrom().deferred(() -> ingest.write(group.stream().map(Received::readings).toList()))
                .onFailure(StoreFailures::transientFailure).invoke(failure -> LOG.warnf(failure, "readings from "
                        + "Kafka not stored yet (%d records); retrying", group.size()))
                .onFailure(StoreFailures::transientFailure).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid()
                .onFailure().recoverWithUni(refused -> group.size() == 1
                        ? unstorable.setAside(group.get(0).record(), refused)
                        : oneByOne(group, refused));
    }

    private Uni<Void> oneByOne(List<Received> group, Throwable refused) {
        LOG.warnf("a write of %d readings records was refused (%s); writing them one by one to set aside only the "
                + "records that cannot be stored", group.size(), StoreFailures.reason(refused));
        Uni<Void> steps = Uni.createFrom().voidItem();
        for (Received one : group) {
            steps = steps.chain(() -> write(List.of(one)));
        }
        return steps;
    }

    private List<List<Received>> groups(List<Received> records) {
        List<List<Received>> groups = new ArrayList<>();
        List<Received> group = new ArrayList<>();
        int readings = 0;
        for (Received record : records) {
            int size = record.readings().readings().size();
            if (!group.isEmpty() && readings + size > settings.maxReadings()) {
                groups.add(group);
                group = new ArrayList<>();
                readings = 0;
            }
            group.add(record);
            readings += size;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }
}
