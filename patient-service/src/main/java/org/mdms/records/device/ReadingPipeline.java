package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import org.mdms.records.device.DeviceDtos.IngestResult;

import java.util.List;

/**
 * Where checked readings go once a batch (or a group of stream frames) has passed its checks: straight into the
 * database ({@link DirectReadingPipeline}, the default), or through Kafka first ({@link KafkaReadingPipeline}, when
 * mdms.ingest.kafka.enabled=true). The answer of each batch is what its caller acknowledges, so a pipeline completes
 * only once the readings are durable where it put them.
 */
public interface ReadingPipeline {

    /** One answer per batch, in order; a failure means nothing may be acknowledged (the caller resends). */
    Uni<List<IngestResult>> accept(List<MeasurementIngest.Prepared> batches);
}
