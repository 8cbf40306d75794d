package org.mdms.records.department;

import org.mdms.records.common.Like;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepository<Department> {

    public PanacheQuery<Department> search(Long hospitalId, String text, Sort sort) {
        String prefix = Like.prefix(text);
        return find("(:hospitalId is null or hospitalId = :hospitalId) and (:prefix is null or code like :prefix escape '!' "
                        + "or name like :prefix escape '!')", sort,
                Parameters.with("hospitalId", hospitalId).and("prefix", prefix));
    }
}
