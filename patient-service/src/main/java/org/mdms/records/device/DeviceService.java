package org.mdms.records.device;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.records.auth.Caller;
import org.mdms.records.common.Page;
import org.mdms.records.device.DeviceDtos.AssignmentRequest;
import org.mdms.records.device.DeviceDtos.AssignmentView;
import org.mdms.records.device.DeviceDtos.CredentialView;
import org.mdms.records.device.DeviceDtos.DeviceRequest;
import org.mdms.records.device.DeviceDtos.DeviceView;
import org.mdms.records.patient.PatientRepository;
import org.mdms.records.visit.TimeWindow;

import java.time.Instant;
import java.util.List;

/** The device register, assignments to patients over time, and credentials. Admins write; staff read. */
@ApplicationScoped
public class DeviceService {

    private final DeviceRepository devices;
    private final DeviceAssignmentRepository assignments;
    private final PatientRepository patients;

    DeviceService(DeviceRepository devices, DeviceAssignmentRepository assignments, PatientRepository patients) {
        this.devices = devices;
        this.assignments = assignments;
        this.patients = patients;
    }

    @WithSession
    public Uni<Page<DeviceView>> search(DeviceRepository.Criteria criteria, PageRequest page) {
        return Page.of(devices.search(criteria, page.sort()), page, DeviceView::of);
    }

    @WithSession
    public Uni<DeviceView> get(long id) {
        return find(id).map(DeviceView::of);
    }

    @WithTransaction
    public Uni<DeviceView> register(DeviceRequest request) {
        Device device = new Device();
        apply(device, request);
        return checkSerialFree(request.serialNumber(), null)
                .chain(() -> devices.persist(device))
                .map(DeviceView::of);
    }

    @WithTransaction
    public Uni<DeviceView> update(long id, DeviceRequest request) {
        return find(id)
                .call(device -> checkSerialFree(request.serialNumber(), device.getId()))
                .invoke(device -> apply(device, request))
                .map(DeviceView::of);
    }

    @WithSession
    public Uni<List<AssignmentView>> assignments(long id) {
        return find(id).chain(device -> assignments.history(device.getId()))
                .map(list -> list.stream().map(AssignmentView::of).toList());
    }

    /** One open assignment per device: 409 while one is open, or when the start overlaps the last one. */
    @WithTransaction
    public Uni<AssignmentView> assign(long id, AssignmentRequest request, Caller caller) {
        Instant startedAt = TimeWindow.micros(request.startedAt() == null ? Instant.now() : request.startedAt());
        TimeWindow.checkNotInFuture("startedAt", startedAt);
        return find(id)
                .invoke(device -> {
                    if (device.getStatus() != DeviceStatus.ACTIVE) {
                        throw DomainException.conflict("status", "device " + id + " is " + device.getStatus()
                                + "; only an ACTIVE device can be assigned");
                    }
                })
                .call(() -> patients.findById(request.patientId()).invoke(patient -> {
                    if (patient == null || patient.isDeleted()) {
                        throw DomainException.unknownReference("patientId", "patient", request.patientId());
                    }
                }))
                .call(() -> assignments.open(id).invoke(open -> {
                    if (open != null) {
                        throw DomainException.conflict(null, "device " + id + " is assigned to patient "
                                + open.getPatientId() + " since " + open.getStartedAt() + "; end that first");
                    }
                }))
                .call(() -> assignments.lastEnded(id).invoke(last -> {
                    if (last != null && last.getEndedAt().isAfter(startedAt)) {
                        throw DomainException.conflict("startedAt", "startedAt must not be before the device's "
                                + "last assignment ended (" + last.getEndedAt() + ")");
                    }
                }))
                .chain(() -> {
                    DeviceAssignment assignment = new DeviceAssignment();
                    assignment.setDeviceId(id);
                    assignment.setPatientId(request.patientId());
                    assignment.setBed(request.bed() == null || request.bed().isBlank() ? null : request.bed().strip());
                    assignment.setStartedAt(startedAt);
                    assignment.setAssignedBy(caller.username());
                    return assignments.persist(assignment);
                })
                .map(AssignmentView::of);
    }

    /** Ends the open assignment now; readings measured from now on are refused until the next one. */
    @WithTransaction
    public Uni<AssignmentView> unassign(long id, Caller caller) {
        return find(id)
                .chain(() -> assignments.open(id))
                .onItem().ifNull().failWith(() -> DomainException.conflict(null, "device " + id
                        + " is not assigned"))
                .invoke(open -> open.end(TimeWindow.micros(Instant.now()), caller.username()))
                .map(AssignmentView::of);
    }

    /** Issues a new secret; the previous one stops working at once. */
    @WithTransaction
    public Uni<CredentialView> issueCredential(long id) {
        String secret = DeviceCredentials.newSecret();
        Instant now = TimeWindow.micros(Instant.now());
        return find(id)
                .invoke(device -> {
                    if (device.getStatus() == DeviceStatus.RETIRED) {
                        throw DomainException.conflict("status", "device " + id + " is RETIRED");
                    }
                    device.replaceCredential(DeviceCredentials.hash(secret), now);
                })
                .map(device -> new CredentialView(id, secret, DeviceCredentials.SCHEME + id + ":" + secret, now));
    }

    private Uni<Device> find(long id) {
        return devices.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("device", id));
    }

    private Uni<Void> checkSerialFree(String serialNumber, Long ownId) {
        return devices.find("serialNumber", serialNumber.strip()).firstResult().invoke(existing -> {
            if (existing != null && !existing.getId().equals(ownId)) {
                throw DomainException.conflict("serialNumber", "serial number " + serialNumber
                        + " is already registered");
            }
        }).replaceWithVoid();
    }

    private static void apply(Device device, DeviceRequest request) {
        device.setSerialNumber(request.serialNumber().strip());
        device.setType(request.type().strip());
        device.setManufacturer(request.manufacturer());
        device.setModel(request.model());
        device.setFirmware(request.firmware());
        device.setStatus(request.status() == null ? DeviceStatus.ACTIVE : request.status());
    }
}
