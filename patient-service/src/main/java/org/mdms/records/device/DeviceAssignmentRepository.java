package org.mdms.records.device;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class DeviceAssignmentRepository implements PanacheRepository<DeviceAssignment> {

    public Uni<List<DeviceAssignment>> history(long deviceId) {
        return find("deviceId", Sort.by("startedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending),
                deviceId).list();
    }

    public Uni<DeviceAssignment> open(long deviceId) {
        return find("deviceId = ?1 and endedAt is null", deviceId).firstResult();
    }

    /** The latest end of a closed assignment, to refuse a new one that would overlap it. */
    public Uni<DeviceAssignment> lastEnded(long deviceId) {
        return find("deviceId = ?1 and endedAt is not null", Sort.by("endedAt", Sort.Direction.Descending), deviceId)
                .firstResult();
    }
}
