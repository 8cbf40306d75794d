package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.mdms.records.device.DeviceDtos.IngestResult;

import java.util.List;

/** The readings are stored before the caller hears back: accepted means committed (and in the change feed). */
@ApplicationScoped
@Typed(DirectReadingPipeline.class)
public class DirectReadingPipeline implements ReadingPipeline {

    private final MeasurementIngest ingest;

    DirectReadingPipeline(MeasurementIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public Uni<List<IngestResult>> accept(List<MeasurementIngest.Prepared> batches) {
        return ingest.write(batches);
    }
}
