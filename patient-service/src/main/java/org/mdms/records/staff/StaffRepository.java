package org.mdms.records.staff;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StaffRepository implements PanacheRepository<Staff> {

    public PanacheQuery<Staff> search(Long departmentId, Staff.Kind kind, String text, Sort sort) {
        String prefix = Like.prefix(text);
        return find("(:departmentId is null or departmentId = :departmentId) and (:kind is null or kind = :kind) "
                        + "and (:prefix is null or name like :prefix escape '!' or staffNo like :prefix escape '!')", sort,
                Parameters.with("departmentId", departmentId).and("kind", kind).and("prefix", prefix));
    }
}
