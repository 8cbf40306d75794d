package org.mdms.records.care;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.auth.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The care rule for live streams (SSE): each event names a patient, and a subscriber sees it only while they may
 * read that patient's vital signs (as GET /api/v1/vital-signs decides). The answer for one subscriber and patient
 * is kept for a short while, so a burst of events costs one query per patient, not one per event.
 */
@ApplicationScoped
public class LiveCare {

    private final Pool pool;

    LiveCare(Pool pool) {
        this.pool = pool;
    }

    public Viewer viewer(Caller caller, Duration trustFor) {
        return new Viewer(caller, trustFor);
    }

    /** One subscriber's answers. */
    public final class Viewer {

        private record Answer(boolean reads, Instant until) {
        }

        private final Caller caller;
        private final Duration trustFor;
        private final Map<Long, Answer> answers = new ConcurrentHashMap<>();

        private Viewer(Caller caller, Duration trustFor) {
            this.caller = caller;
            this.trustFor = trustFor;
        }

        public Uni<Boolean> readsClinical(long patientId) {
            if (CareSql.readsWithoutDatabase(caller, patientId)) {
                return Uni.createFrom().item(true);
            }
            if (!CareSql.asksDatabase(caller)) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now();
            Answer known = answers.get(patientId);
            if (known != null && known.until().isAfter(now)) {
                return Uni.createFrom().item(known.reads());
            }
            CareSql.Fragment rule = CareSql.readsClinical("?", patientId, caller, now);
            List<Object> params = new ArrayList<>(rule.params());
            params.add(CareSql.staffId(caller));
            return pool.preparedQuery("SELECT " + rule.sql() + " AS reads_clinical FROM (SELECT 1 AS one) c"
                            + CareSql.STAFF_JOIN)
                    .execute(Tuple.from(params))
                    .map(rows -> {
                        Object value = rows.iterator().next().getValue("reads_clinical");
                        boolean reads = value instanceof Number number && number.intValue() == 1;
                        answers.put(patientId, new Answer(reads, now.plus(trustFor)));
                        return reads;
                    });
        }
    }
}
