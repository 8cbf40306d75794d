package org.mdms.records.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.alert.AlertDtos.AlertEvent;
import org.mdms.records.alert.AlertDtos.AlertView;
import org.mdms.records.auth.Caller;
import org.mdms.records.care.LiveCare;

/** Every change of an alert, to the SSE subscribers that may see the patient (hot: no replay of the past). */
@ApplicationScoped
public class AlertBroadcast {

    private final BroadcastProcessor<AlertEvent> processor = BroadcastProcessor.create();
    private final LiveCare care;
    private final AlertSettings settings;

    AlertBroadcast(LiveCare care, AlertSettings settings) {
        this.care = care;
        this.settings = settings;
    }

    /** Serialized: the evaluator and the scheduled checks publish from several threads. */
    synchronized void publish(String change, AlertView alert) {
        if (alert != null) {
            processor.onNext(new AlertEvent(change, alert));
        }
    }

    /** The events this caller may see: alerts of patients whose vital signs they may read. */
    public Multi<AlertEvent> eventsFor(Caller caller) {
        LiveCare.Viewer viewer = care.viewer(caller, settings.streamCareFor());
        return processor
                .onOverflow().buffer(1024)
                .onItem().transformToUniAndConcatenate(event -> viewer.readsClinical(event.alert().patientId())
                        .map(reads -> reads ? event : null));
    }
}
