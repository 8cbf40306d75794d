package org.mdms.records.device;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdms.common.DomainException;
import org.mdms.records.device.DeviceDtos.IngestResult;
import org.mdms.records.device.DeviceDtos.Reading;
import org.mdms.records.device.DeviceDtos.Refusal;
import org.mdms.records.device.MeasurementQueries.AssignmentSpan;
import org.mdms.records.device.MeasurementQueries.DeviceRow;
import org.mdms.records.device.MeasurementQueries.NewReading;
import org.mdms.records.device.MeasurementQueries.StoredReading;
import org.mdms.records.visit.TimeWindow;
import org.mdms.records.vitals.VitalSignDtos.VitalSignBatchChange;
import org.mdms.records.vitals.VitalSignDtos.VitalSignChange;
import org.mdms.records.vitals.VitalType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A device's batch of readings: each reading is checked on its own (DESIGN's vital-sign rules, the late window,
 * the patient the device is assigned to at measuredAt); the good ones are stored as vital signs with their change
 * events (VITAL_SIGN_BATCH, up to readings-per-event readings each) in one transaction, the bad ones are listed with
 * their index and reason, duplicates are dropped.
 */
@ApplicationScoped
public class MeasurementIngest {

    private static final Logger LOG = Logger.getLogger(MeasurementIngest.class);

    private final MeasurementQueries queries;
    private final ReadingParser parser;
    private final IngestGate gate;
    private final IngestSettings settings;
    private final StoredReadingEvents events;
    private final ReadingPipeline pipeline;

    MeasurementIngest(MeasurementQueries queries, ReadingParser parser, IngestGate gate, IngestSettings settings,
                      StoredReadingEvents events, ReadingPipeline pipeline) {
        this.events = events;
        this.pipeline = pipeline;
        this.queries = queries;
        this.parser = parser;
        this.gate = gate;
        this.settings = settings;
    }

    /** A batch body (JSON array or NDJSON) from POST /api/v1/devices/{id}/measurements. */
    public Uni<IngestResult> ingest(long deviceId, String authorization, String body, boolean ndjson) {
        return ingest(deviceId, authorization, () -> {
            checkSize(body);
            return parser.parse(body, ndjson);
        });
    }

    /**
     * One text frame of a device's stream (DeviceStream): a reading, or a JSON array of readings, checked on its own
     * (what needs no database). StreamWrites then checks the credentials and assignments of all the frames that
     * waited together in one look-up ({@link #prepareFrames}) and stores them. Not counted by the gate: the queue
     * there is bounded.
     */
    CheckedFrame checkFrame(long deviceId, String authorization, String frame) {
        DeviceCredentials.Presented presented = DeviceCredentials.parse(authorization);
        checkSize(frame);
        return new CheckedFrame(deviceId, presented, checked(parser.parseFrame(frame)));
    }

    /** A stream frame after its own checks; its device, credential and patients are not looked up yet. */
    record CheckedFrame(long deviceId, DeviceCredentials.Presented presented, Checked readings) {
    }

    /** What became of a frame of a group: prepared to be stored, or refused as a whole (401, 403, 409). */
    record FrameOutcome(Prepared prepared, DomainException refused) {
    }

    /**
     * The frames of a group, each checked as a batch is (credential, device status, the patient the device was
     * assigned to at each reading's measuredAt), from ONE look-up of all their devices with the assignments that
     * overlap the group's time span, read just before the group is stored. Nothing is cached between groups, so a
     * reassignment or a rotated secret (on any replica) holds from the next group on.
     */
    Uni<List<FrameOutcome>> prepareFrames(List<CheckedFrame> frames) {
        Set<Long> ids = new LinkedHashSet<>();
        Instant from = null;
        Instant to = null;
        for (CheckedFrame frame : frames) {
            ids.add(frame.presented().deviceId());
            for (NewReading reading : frame.readings().checked().values()) {
                from = from == null || reading.measuredAt().isBefore(from) ? reading.measuredAt() : from;
                to = to == null || reading.measuredAt().isAfter(to) ? reading.measuredAt() : to;
            }
        }
        Instant now = Instant.now();
        return queries.devicesWithAssignments(ids, from == null ? now : from, to == null ? now : to)
                .map(devices -> {
                    List<FrameOutcome> outcomes = new ArrayList<>(frames.size());
                    for (CheckedFrame frame : frames) {
                        MeasurementQueries.DeviceWithAssignments found = devices.get(frame.presented().deviceId());
                        try {
                            DeviceRow device = authenticated(found == null ? null : found.device(),
                                    frame.presented(), frame.deviceId());
                            outcomes.add(new FrameOutcome(assigned(device, frame.readings(), found.spans()), null));
                        } catch (DomainException refused) {
                            outcomes.add(new FrameOutcome(null, refused));
                        }
                    }
                    return outcomes;
                });
    }

    /** The device behind a credential, checked as every batch checks it (the stream's upgrade asks this too). */
    public Uni<Void> authenticate(long deviceId, String authorization) {
        return Uni.createFrom().deferred(() -> {
            DeviceCredentials.Presented presented = DeviceCredentials.parse(authorization);
            return queries.device(presented.deviceId()).map(device -> authenticated(device, presented, deviceId));
        }).replaceWithVoid();
    }

    private Uni<IngestResult> ingest(long deviceId, String authorization,
                                     Supplier<List<ReadingParser.Parsed>> readings) {
        return Uni.createFrom().deferred(() -> {
            gate.enter();
            return Uni.createFrom().deferred(() -> {
                        DeviceCredentials.Presented presented = DeviceCredentials.parse(authorization);
                        return queries.device(presented.deviceId())
                                .map(device -> authenticated(device, presented, deviceId))
                                .chain(device -> store(device, readings.get()));
                    })
                    .eventually(gate::leave);
        });
    }

    private void checkSize(String body) {
        // chars, not bytes: cheap, and never more than the bytes; the HTTP layer's own limit bounds what is read
        if (body != null && body.length() > settings.maxBodyBytes()) {
            throw new DomainException(413, "Content Too Large", "a batch body may hold at most "
                    + settings.maxBodyBytes() + " bytes; send smaller batches", List.of());
        }
    }

    private static DeviceRow authenticated(DeviceRow device, DeviceCredentials.Presented presented, long pathId) {
        if (device == null || !DeviceCredentials.matches(device.credentialHash(), presented.secret())) {
            throw DomainException.unauthorized("the device credential is not valid (unknown device, or a secret "
                    + "that was replaced)");
        }
        if (device.id() != pathId) {
            throw DomainException.forbidden("device " + device.id() + " may send readings only as itself, not as "
                    + "device " + pathId);
        }
        if (device.status() != DeviceStatus.ACTIVE) {
            throw DomainException.conflict("status", "device " + device.id() + " is " + device.status()
                    + "; only an ACTIVE device may send readings");
        }
        return device;
    }

    /** A device's batch after its checks: the readings to store (each with its patient) and what became of the rest. */
    record Prepared(DeviceRow device, int received, List<NewReading> readings, int repeats, List<Refusal> refusals) {
    }

    private Uni<IngestResult> store(DeviceRow device, List<ReadingParser.Parsed> batch) {
        return prepare(device, batch).chain(prepared -> pipeline.accept(List.of(prepared)))
                .map(results -> results.get(0));
    }

    /** Each reading checked on its own, then given the patient the device was assigned to at its measuredAt. */
    Uni<Prepared> prepare(DeviceRow device, List<ReadingParser.Parsed> batch) {
        Checked checked = checked(batch);
        if (checked.checked().isEmpty()) {
            return Uni.createFrom().item(assigned(device, checked, List.of()));
        }
        Instant from = checked.checked().values().stream().map(NewReading::measuredAt).min(Comparator.naturalOrder()).get();
        Instant to = checked.checked().values().stream().map(NewReading::measuredAt).max(Comparator.naturalOrder()).get();
        return queries.assignments(device.id(), from, to).map(spans -> assigned(device, checked, spans));
    }

    /** A batch's readings after their own checks (by index), what was sent (by index), and the refused ones. */
    record Checked(int received, Map<Integer, NewReading> checked, Map<Integer, Reading> sent,
                          List<Refusal> refusals) {
    }

    private Checked checked(List<ReadingParser.Parsed> batch) {
        Instant oldest = Instant.now().minus(settings.lateWindow());
        List<Refusal> refusals = new ArrayList<>();
        Map<Integer, NewReading> checked = new LinkedHashMap<>();
        Map<Integer, Reading> sent = new HashMap<>();
        for (ReadingParser.Parsed parsed : batch) {
            if (parsed.reading() == null) {
                refusals.add(new Refusal(parsed.index(), parsed.field(), parsed.reason()));
                continue;
            }
            try {
                checked.put(parsed.index(), checked(parsed.reading(), oldest));
                sent.put(parsed.index(), parsed.reading());
            } catch (DomainException e) {
                DomainException.FieldError error = e.errors().isEmpty() ? null : e.errors().get(0);
                refusals.add(new Refusal(parsed.index(), error == null ? "" : error.field(),
                        error == null ? e.getMessage() : error.message()));
            }
        }
        return new Checked(batch.size(), checked, sent, List.copyOf(refusals));
    }

    /** The checked readings given their patients from the device's assignment spans. */
    private static Prepared assigned(DeviceRow device, Checked checked, List<AssignmentSpan> spans) {
        List<Refusal> refusals = new ArrayList<>(checked.refusals());
        if (checked.checked().isEmpty()) {
            return new Prepared(device, checked.received(), List.of(), 0, refusals);
        }
        Assigned assigned = assignToPatients(checked.checked(), checked.sent(), spans, refusals);
        return new Prepared(device, checked.received(), assigned.readings(), assigned.repeats(), refusals);
    }

    /**
     * Prepared batches (one, or a stream's frames of many devices) in one transaction on one connection: the
     * duplicate look-up, the rows, one audit row per device and patient, then the change events; the devices'
     * lastSeenAt after the commit. The one place where stored batches are known: what runs after the commit (alert
     * evaluation) goes at the end of this chain.
     */
    Uni<List<IngestResult>> write(List<Prepared> batches) {
        if (batches.stream().allMatch(batch -> batch.readings().isEmpty())) {
            return Uni.createFrom().item(results(batches, List.of(), List.of()));
        }
        List<Integer> freshPerBatch = new ArrayList<>(batches.size());
        return queries.pool().withTransaction(connection -> queries.storedKeys(connection, batches)
                        .chain(stored -> {
                            List<MeasurementQueries.DeviceReading> fresh = new ArrayList<>();
                            freshPerBatch.clear(); // a retried transaction starts again
                            for (List<MeasurementQueries.DeviceReading> own : fresh(batches, stored)) {
                                freshPerBatch.add(own.size());
                                fresh.addAll(own);
                            }
                            return queries.insert(connection, fresh);
                        })
                        .call(rows -> queries.audit(connection, countByDeviceAndPatient(rows)))
                        // last: from here to the commit the change_sequence row is locked for everyone
                        .call(rows -> queries.publish(connection, batchEvents(rows))))
                .invoke(events::fire) // after the commit: alerts, ward streams
                .map(rows -> results(batches, freshPerBatch, rows))
                // after the commit, on its own: in the transaction, the device row's lock made a device's
                // concurrent batches wait for each other's commit (lastSeenAt is a hint, not a record)
                .call(() -> queries.seen(batches.stream().map(batch -> batch.device().id()).distinct().toList())
                        .onFailure().invoke(failure -> LOG.warnf(failure, "lastSeenAt not moved (the batches are "
                                + "stored)"))
                        .onFailure().recoverWithNull());
    }

    /** Per batch, its readings not stored before (nor earlier in this write). */
    private static List<List<MeasurementQueries.DeviceReading>> fresh(List<Prepared> batches,
                                                                    Set<MeasurementQueries.ReadingKey> stored) {
        List<List<MeasurementQueries.DeviceReading>> fresh = new ArrayList<>(batches.size());
        Set<MeasurementQueries.ReadingKey> keys = new HashSet<>(stored);
        for (Prepared batch : batches) {
            List<MeasurementQueries.DeviceReading> own = new ArrayList<>(batch.readings().size());
            for (NewReading reading : batch.readings()) {
                if (keys.add(MeasurementQueries.ReadingKey.of(batch.device().id(), reading))) {
                    own.add(new MeasurementQueries.DeviceReading(batch.device(), reading));
                }
            }
            fresh.add(own);
        }
        return fresh;
    }

    /** Each batch's answer; rows are the stored readings, batch after batch, in the order they were written. */
    private static List<IngestResult> results(List<Prepared> batches, List<Integer> freshPerBatch,
                                              List<StoredReading> rows) {
        List<IngestResult> results = new ArrayList<>(batches.size());
        int at = 0;
        for (int b = 0; b < batches.size(); b++) {
            Prepared batch = batches.get(b);
            int accepted = freshPerBatch.isEmpty() ? 0 : freshPerBatch.get(b);
            int abnormal = 0;
            for (int i = at; i < at + accepted; i++) {
                abnormal += rows.get(i).reading().abnormal() ? 1 : 0;
            }
            at += accepted;
            results.add(new IngestResult(batch.received(), accepted,
                    batch.repeats() + batch.readings().size() - accepted, batch.refusals().size(), abnormal,
                    batch.refusals()));
        }
        return results;
    }

    private static NewReading checked(Reading reading, Instant oldest) {
        if (reading.type() == null) {
            throw DomainException.invalid("type", "type is required");
        }
        if (reading.value() == null) {
            throw DomainException.invalid("value", "value is required");
        }
        if (reading.measuredAt() == null) {
            throw DomainException.invalid("measuredAt", "measuredAt is required");
        }
        TimeWindow.checkNotInFuture("measuredAt", reading.measuredAt());
        if (reading.measuredAt().isBefore(oldest)) {
            throw DomainException.invalid("measuredAt", "older than the late window: readings are accepted up to "
                    + "the configured window (mdms.devices.ingest.late-window) after they were measured");
        }
        if (reading.value().scale() > 2 || (reading.secondaryValue() != null && reading.secondaryValue().scale() > 2)) {
            throw DomainException.invalid("value", "at most 2 decimals");
        }
        String unit = reading.type().checkUnit("unit", reading.unit());
        boolean abnormal = reading.type().checkAndFlag("", reading.value(), reading.secondaryValue());
        // patientId is filled from the assignment once it is known
        return new NewReading(0, reading.type(), reading.value(), reading.secondaryValue(), unit, abnormal,
                TimeWindow.micros(reading.measuredAt()));
    }

    /** The readings to store (each with its patient) and how many repeated an earlier reading of the batch. */
    private record Assigned(List<NewReading> readings, int repeats) {
    }

    /** Each reading goes to the patient the device was assigned to at measuredAt; a batch's repeats are dropped. */
    private static Assigned assignToPatients(Map<Integer, NewReading> checked, Map<Integer, Reading> sent,
                                             List<AssignmentSpan> spans, List<Refusal> refusals) {
        List<NewReading> readings = new ArrayList<>(checked.size());
        Set<MeasurementQueries.ReadingKey> seen = new HashSet<>();
        int repeats = 0;
        for (Map.Entry<Integer, NewReading> entry : checked.entrySet()) {
            NewReading reading = entry.getValue();
            AssignmentSpan span = spans.stream().filter(s -> s.covers(reading.measuredAt())).findFirst().orElse(null);
            Long named = sent.get(entry.getKey()).patientId();
            if (span == null) {
                refusals.add(new Refusal(entry.getKey(), "measuredAt", "the device was not assigned to a patient "
                        + "at " + reading.measuredAt()));
            } else if (named != null && named != span.patientId()) {
                refusals.add(new Refusal(entry.getKey(), "patientId", "the device was assigned to another patient"
                        + " at " + reading.measuredAt() + "; it may send readings only for that patient"));
            } else if (seen.add(MeasurementQueries.ReadingKey.of(0, reading))) { // one device: its id need not differ
                readings.add(new NewReading(span.patientId(), reading.type(), reading.value(),
                        reading.secondaryValue(), reading.unit(), reading.abnormal(), reading.measuredAt()));
            } else {
                repeats++;
            }
        }
        refusals.sort(Comparator.comparingInt(Refusal::index));
        return new Assigned(readings, repeats);
    }

    /**
     * The write's change events: its stored readings in order, readings-per-event at a time, each chunk one
     * VITAL_SIGN_BATCH event (serialised once) named after its first vital sign.
     */
    private List<MeasurementQueries.BatchEvent> batchEvents(List<StoredReading> rows) {
        int size = Math.max(1, settings.readingsPerEvent());
        List<MeasurementQueries.BatchEvent> events = new ArrayList<>(rows.size() / size + 1);
        for (int from = 0; from < rows.size(); from += size) {
            List<StoredReading> chunk = rows.subList(from, Math.min(rows.size(), from + size));
            List<VitalSignChange> vitalSigns = new ArrayList<>(chunk.size());
            for (StoredReading row : chunk) {
                NewReading r = row.reading();
                vitalSigns.add(new VitalSignChange(row.id(), r.patientId(), null, r.type(), r.value(),
                        r.secondaryValue(), r.unit(), r.abnormal(), r.measuredAt()));
            }
            events.add(new MeasurementQueries.BatchEvent(chunk.get(0).id(),
                    queries.toJson(new VitalSignBatchChange(vitalSigns))));
        }
        return events;
    }

    private static Map<MeasurementQueries.DeviceAndPatient, Integer> countByDeviceAndPatient(
            List<StoredReading> rows) {
        Map<MeasurementQueries.DeviceAndPatient, Integer> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.merge(new MeasurementQueries.DeviceAndPatient(row.device(),
                row.reading().patientId()), 1, Integer::sum));
        return counts;
    }
}
