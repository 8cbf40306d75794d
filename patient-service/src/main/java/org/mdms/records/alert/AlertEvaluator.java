package org.mdms.records.alert;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;
import org.mdms.records.alert.AlertQueries.Rule;
import org.mdms.records.vitals.ReadingsStored;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Applies the vital-sign rules to readings once they are committed. Time is the readings' measuredAt, not the wall
 * clock: a breach is sustained when the patient's readings of the type have breached the rule without a normal one
 * in between from the first breaching reading to the newest one for sustainSeconds; an alert resolves itself when
 * the readings after its last breach have been normal for resolveAfterSeconds. So late and out-of-order batches
 * are judged on when they were measured, and the tests need no sleeping.
 */
@ApplicationScoped
public class AlertEvaluator {

    private static final Logger LOG = Logger.getLogger(AlertEvaluator.class);
    private static final Duration AT_MOST = Duration.ofSeconds(30);
    private static final int STRIPES = 64;

    private final AlertQueries queries;
    private final AlertBroadcast broadcast;
    private final Clock clock;
    /** One patient's readings are judged one batch at a time (on this replica; uq_alert_open guards across them). */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    AlertEvaluator(AlertQueries queries, AlertBroadcast broadcast, Clock clock) {
        this.queries = queries;
        this.broadcast = broadcast;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs on a worker thread (an asynchronous observer), so it may wait for the database. */
    void onReadingsStored(@ObservesAsync ReadingsStored stored) {
        // per patient, each type's earliest stored measuredAt: the newest reading of the type is at or after it
        Map<Long, Map<VitalType, Instant>> typesByPatient = stored.readings().stream().collect(Collectors.groupingBy(
                ReadingsStored.Reading::patientId, LinkedHashMap::new,
                Collectors.toMap(ReadingsStored.Reading::type, ReadingsStored.Reading::measuredAt,
                        (a, b) -> a.isBefore(b) ? a : b)));
        typesByPatient.forEach((patientId, types) -> {
            ReentrantLock lock = locks[(int) (patientId % STRIPES)];
            lock.lock();
            try {
                evaluate(patientId, types).await().atMost(AT_MOST);
            } catch (RuntimeException e) {
                LOG.errorf(e, "alert rules of patient %d could not be evaluated", patientId);
            } finally {
                lock.unlock();
            }
        });
    }

    Uni<Void> evaluate(long patientId, Map<VitalType, Instant> types) {
        return queries.rulesInForce(patientId)
                .onItem().transformToMulti(rules -> Multi.createFrom().iterable(rules.stream()
                        .filter(rule -> rule.kind() == RuleKind.VITAL_SIGN && types.containsKey(rule.vitalType()))
                        .toList()))
                .onItem().transformToUniAndConcatenate(rule -> judge(patientId, rule, types.get(rule.vitalType())))
                .collect().last().replaceWithVoid();
    }

    /** The rule against the patient's newest reading of its type (stored at or after {@code from}). */
    private Uni<Void> judge(long patientId, Rule rule, Instant from) {
        return queries.newest(patientId, rule.vitalType(), from)
                .chain(newest -> {
                    if (newest == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Instant at = (Instant) newest[0];
                    BigDecimal value = (BigDecimal) newest[1];
                    return rule.breached(value) ? breach(patientId, rule, at, value) : normal(patientId, rule, at);
                });
    }

    private Uni<Void> breach(long patientId, Rule rule, Instant at, BigDecimal value) {
        return queries.lastReading(patientId, rule, false, at)
                .chain(lastNormal -> queries.firstReadingAfter(patientId, rule.vitalType(), lastNormal, at))
                .chain(started -> {
                    Duration lasted = Duration.between(started, at);
                    if (lasted.compareTo(Duration.ofSeconds(rule.sustainSeconds())) < 0) {
                        return Uni.createFrom().voidItem(); // not sustained (yet)
                    }
                    String message = message(rule, lasted, value);
                    return queries.openAlert(patientId, rule.code())
                            .chain(open -> open != null
                                    ? queries.breachContinues(open.id(), message, value, at, clock.instant())
                                    : queries.open(patientId, rule, null, message, value, started, at, clock.instant())
                                    .chain(id -> queries.view(id))
                                    .invoke(view -> broadcast.publish("OPENED", view))
                                    .replaceWithVoid()
                                    // another replica opened it first: this breach updates that alert
                                    .onFailure(AlertEvaluator::duplicateOpen).recoverWithUni(() ->
                                            queries.openAlert(patientId, rule.code()).chain(other -> other == null
                                                    ? Uni.createFrom().voidItem()
                                                    : queries.breachContinues(other.id(), message, value, at,
                                                    clock.instant()))));
                });
    }

    private Uni<Void> normal(long patientId, Rule rule, Instant at) {
        return queries.openAlert(patientId, rule.code())
                .chain(open -> {
                    if (open == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return queries.lastReading(patientId, rule, true, at)
                            .chain(lastBreach -> queries.firstReadingAfter(patientId, rule.vitalType(), lastBreach, at))
                            .chain(normalSince -> {
                                if (Duration.between(normalSince, at)
                                        .compareTo(Duration.ofSeconds(rule.resolveAfterSeconds())) < 0) {
                                    return Uni.createFrom().voidItem();
                                }
                                return queries.resolve(queries.pool(), open.id(), "system", "AUTO", clock.instant())
                                        .chain(resolved -> resolved ? queries.view(open.id())
                                                .invoke(view -> broadcast.publish("RESOLVED", view))
                                                .replaceWithVoid() : Uni.createFrom().voidItem());
                            });
                });
    }

    static String message(Rule rule, Duration lasted, BigDecimal value) {
        List<String> bounds = new ArrayList<>();
        if (rule.below() != null) {
            bounds.add("below " + rule.below().stripTrailingZeros().toPlainString());
        }
        if (rule.above() != null) {
            bounds.add("above " + rule.above().stripTrailingZeros().toPlainString());
        }
        return rule.vitalType() + " " + String.join(" or ", bounds) + " for " + lasted.toSeconds() + " s (latest "
                + value.stripTrailingZeros().toPlainString() + " " + rule.vitalType().unit() + ")";
    }

    static boolean duplicateOpen(Throwable failure) {
        String text = String.valueOf(failure.getMessage());
        return text.contains("Duplicate entry") && text.contains("uq_alert_open");
    }
}
