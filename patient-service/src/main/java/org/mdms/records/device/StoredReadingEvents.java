package org.mdms.records.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.mdms.records.device.MeasurementQueries.StoredReading;
import org.mdms.records.vitals.ReadingsStored;

import java.util.List;

/** Tells the rest of the service (alerts, ward streams) which readings of devices' batches were committed. */
@ApplicationScoped
public class StoredReadingEvents {

    private final Event<ReadingsStored> event;

    StoredReadingEvents(Event<ReadingsStored> event) {
        this.event = event;
    }

    void fire(List<StoredReading> rows) {
        if (rows.isEmpty()) {
            return;
        }
        event.fireAsync(new ReadingsStored(rows.stream().map(row -> new ReadingsStored.Reading(row.id(),
                row.reading().patientId(), row.reading().type(), row.reading().value(),
                row.reading().secondaryValue(), row.reading().abnormal(), row.reading().measuredAt(), row.device().id())).toList()));
    }
}
