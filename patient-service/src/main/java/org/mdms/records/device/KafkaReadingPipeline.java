package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;
import org.mdms.records.common.TryAgainLater;
import org.mdms.records.device.DeviceDtos.IngestResult;
import org.mdms.records.device.MeasurementQueries.NewReading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readings handed to Kafka instead of the database: one record per batch and patient (key = patient id, so a
 * patient's readings stay in one partition, in order), at most {@link #READINGS_PER_RECORD} readings each. The
 * caller's answer waits for every record's acknowledgement (acks=all): accepted then means "in Kafka, on every
 * in-sync replica"; {@link KafkaReadingStore} stores them (and alerts follow) moments later. Repeats of an earlier
 * batch are only known there, so they count as accepted here and are dropped when stored.
 */
@ApplicationScoped
@Typed(KafkaReadingPipeline.class)
public class KafkaReadingPipeline implements ReadingPipeline {

    /** Keeps a record far below Kafka's default 1 MB request limit (a reading is ~150 bytes of JSON). */
    static final int READINGS_PER_RECORD = 1000;

    private static final Logger LOG = Logger.getLogger(KafkaReadingPipeline.class);

    private final MutinyEmitter<PatientReadings> readings;
    private final IngestSettings settings;

    // the emitter's default buffer (128) is too small for a group of stream frames (one record per frame and
    // patient); what arrives here is already bounded by stream-max-queued (20000) and max-in-flight batches
    KafkaReadingPipeline(@Channel("readings-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 25000)
                         MutinyEmitter<PatientReadings> readings, IngestSettings settings) {
        this.readings = readings;
        this.settings = settings;
    }

    @Override
    public Uni<List<IngestResult>> accept(List<MeasurementIngest.Prepared> batches) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (MeasurementIngest.Prepared batch : batches) {
            for (PatientReadings record : records(batch)) {
                sends.add(readings.sendMessage(Message.of(record).addMetadata(OutgoingKafkaRecordMetadata
                        .<Long>builder().withKey(record.patientId()).build())));
            }
        }
        Uni<Void> all = sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andFailFast().replaceWithVoid();
        return all.map(done -> batches.stream().map(KafkaReadingPipeline::handedOver).toList())
                .onFailure(failure -> !(failure instanceof DomainException)).transform(this::notHandedOver);
    }

    /** Kafka did not acknowledge every record: the caller was told nothing yet, so it resends (duplicates are safe). */
    private TryAgainLater notHandedOver(Throwable failure) {
        LOG.warnf("readings not handed to Kafka (%s); answered 503", failure.toString());
        return new TryAgainLater("the readings could not be handed to the readings topic; nothing of this batch is "
                + "acknowledged, send it again later", settings.retryAfter());
    }

    /** The batch's readings per patient (in their order), cut into records of at most READINGS_PER_RECORD. */
    private static List<PatientReadings> records(MeasurementIngest.Prepared batch) {
        Map<Long, List<NewReading>> byPatient = new LinkedHashMap<>();
        batch.readings().forEach(r -> byPatient.computeIfAbsent(r.patientId(), p -> new ArrayList<>()).add(r));
        List<PatientReadings> records = new ArrayList<>();
        byPatient.forEach((patient, own) -> {
            for (int from = 0; from < own.size(); from += READINGS_PER_RECORD) {
                records.add(PatientReadings.of(batch.device(), patient,
                        own.subList(from, Math.min(own.size(), from + READINGS_PER_RECORD))));
            }
        });
        return records;
    }

    private static IngestResult handedOver(MeasurementIngest.Prepared batch) {
        int abnormal = (int) batch.readings().stream().filter(NewReading::abnormal).count();
        return new IngestResult(batch.received(), batch.readings().size(), batch.repeats(), batch.refusals().size(),
                abnormal, batch.refusals());
    }
}
