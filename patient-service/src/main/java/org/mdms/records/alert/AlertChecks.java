package org.mdms.records.alert;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.alert.AlertQueries.Assigned;
import org.mdms.records.alert.AlertQueries.Rule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What no reading triggers, checked every mdms.alerts.check-every on the injectable {@link Clock}: escalation of
 * alerts nobody acknowledged in time, and DEVICE_SILENT alerts for assigned devices that stopped sending (resolved
 * once the device is heard again or its assignment ends). On several replicas each runs the check; the updates are
 * conditional and uq_alert_open keeps one open alert, so a second run changes nothing.
 */
@ApplicationScoped
public class AlertChecks {

    private final AlertQueries queries;
    private final AlertBroadcast broadcast;
    private final Clock clock;

    AlertChecks(AlertQueries queries, AlertBroadcast broadcast, Clock clock) {
        this.queries = queries;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    @Scheduled(every = "${mdms.alerts.check-every:10s}", delayed = "${mdms.alerts.check-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        Instant now = clock.instant();
        return escalate(now).chain(() -> silentDevices(now));
    }

    private Uni<Void> escalate(Instant now) {
        return queries.escalationDue(now)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> queries.escalate(id, now)
                        .chain(done -> done ? queries.view(id).invoke(view -> broadcast.publish("ESCALATED", view))
                                .replaceWithVoid() : Uni.createFrom().voidItem()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> silentDevices(Instant now) {
        return queries.assignedDevices().chain(assigned -> queries.silentRulesOfAssignedPatients().chain(rules -> {
            Map<Long, Assigned> byDevice = new HashMap<>();
            assigned.forEach(device -> byDevice.put(device.deviceId(), device));
            return resolveHeard(byDevice, rules, now)
                    .chain(() -> Multi.createFrom().iterable(assigned)
                            .onItem().transformToUniAndConcatenate(device -> openIfSilent(device,
                                    rules.get(device.patientId()), now))
                            .collect().last().replaceWithVoid());
        }));
    }

    /** A silent device's alert resolves once it sends again (or is no longer assigned to that patient). */
    private Uni<Void> resolveHeard(Map<Long, Assigned> byDevice, Map<Long, Rule> rules, Instant now) {
        return queries.openSilentAlerts()
                .onItem().transformToMulti(open -> Multi.createFrom().iterable(open))
                .onItem().transformToUniAndConcatenate(alert -> {
                    Assigned device = byDevice.get(alert[2]);
                    Rule rule = device == null ? null : rules.get(device.patientId());
                    boolean stillSilent = device != null && device.patientId() == alert[1] && rule != null
                            && silent(device, rule, now);
                    return stillSilent ? Uni.createFrom().voidItem()
                            : queries.resolve(queries.pool(), alert[0], "system", "AUTO", now)
                            .chain(done -> done ? queries.view(alert[0])
                                    .invoke(view -> broadcast.publish("RESOLVED", view)).replaceWithVoid()
                                    : Uni.createFrom().voidItem());
                })
                .collect().last().replaceWithVoid();
    }

    /** rule: the patient's DEVICE_SILENT rule in force, or null (none, or turned off for the patient). */
    private Uni<Void> openIfSilent(Assigned device, Rule rule, Instant now) {
        if (rule == null || !silent(device, rule, now)) {
            return Uni.createFrom().voidItem();
        }
        return queries.openAlert(device.patientId(), rule.code()).chain(open -> open != null
                ? Uni.createFrom().voidItem()
                : queries.open(device.patientId(), rule, device.deviceId(), "device " + device.serialNumber()
                                + " sent nothing for " + Duration.between(device.lastHeard(), now).toSeconds()
                                + " s (expected at least every " + rule.silentAfterSeconds() + " s)", null,
                        device.lastHeard(), device.lastHeard(), now)
                .chain(id -> queries.view(id))
                .invoke(view -> broadcast.publish("OPENED", view))
                .replaceWithVoid()
                .onFailure(AlertEvaluator::duplicateOpen).recoverWithNull());
    }

    private static boolean silent(Assigned device, Rule rule, Instant now) {
        return device.lastHeard().plusSeconds(rule.silentAfterSeconds()).isBefore(now);
    }
}
