package org.mdms.records.device;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The dead letters of the readings topic: a record that can never be stored (StoreFailures.permanent) is copied,
 * key and value unchanged, to the dead-letter topic (channel readings-dead, mdms.ingest.kafka.dead-letter-topic) with
 * the reason and where it came from in its headers (SmallRye's dead-letter-* names), logged, and counted
 * (mdms_readings_dead_letters_total{reason="unreadable"|"refused"}); then its partition moves on. Its offset is
 * committed only after the broker took the copy, so a record is never both skipped and missing from that topic.
 */
@ApplicationScoped
public class UnstorableReadings {

    private static final Logger LOG = Logger.getLogger(UnstorableReadings.class);

    private final MutinyEmitter<Record<byte[], byte[]>> deadLetters;
    private final KafkaIngestSettings settings;
    private final MeterRegistry registry;

    UnstorableReadings(@Channel("readings-dead") MutinyEmitter<Record<byte[], byte[]>> deadLetters,
                       KafkaIngestSettings settings, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.registry = registry;
    }

    Uni<Void> setAside(ConsumerRecord<byte[], byte[]> record, Throwable failure) {
        String reason = StoreFailures.reason(failure);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        Message<Record<byte[], byte[]>> copy = Message.of(Record.of(record.key(), record.value()))
                .addMetadata(OutgoingKafkaRecordMetadata.<byte[]>builder().withHeaders(headers).build());
        return Uni.createFrom().deferred(() -> deadLetters.sendMessage(copy))
                // the broker not taking the copy is transient: the record waits in its partition meanwhile
                .onFailure().invoke(sendFailure -> LOG.warnf("a record that cannot be stored (%s-%d@%d) could not be "
                        + "set aside yet (%s); retrying", record.topic(), record.partition(), record.offset(),
                        sendFailure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> {
                    registry.counter("mdms.readings.dead.letters", "reason", StoreFailures.kind(failure)).increment();
                    LOG.errorf("readings record %s-%d@%d can never be stored, set aside in %s: %s", record.topic(),
                            record.partition(), record.offset(), settings.deadLetterTopic(), reason);
                });
    }
}
