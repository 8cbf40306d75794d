package org.mdms.records.device;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.common.Filter;
import org.mdms.records.common.Like;

@ApplicationScoped
public class DeviceRepository implements PanacheRepository<Device> {

    public record Criteria(String search, String type, DeviceStatus status) {
    }

    /** Prefix match on the serial number, model or manufacturer; type and status match exactly. */
    public PanacheQuery<Device> search(Criteria criteria, Sort sort) {
        return new Filter()
                .where("(serialNumber like :prefix escape '!' or model like :prefix escape '!' "
                        + "or manufacturer like :prefix escape '!')", "prefix", Like.prefix(criteria.search()))
                .equal("type", criteria.type() == null || criteria.type().isBlank() ? null : criteria.type().strip())
                .equal("status", criteria.status())
                .find(this, sort);
    }
}
