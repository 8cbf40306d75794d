package org.mdms.records.department;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DepartmentRepository implements PanacheRepository<Department> {

    public PanacheQuery<Department> search(Long hospitalId, String text, Sort sort) {
        String prefix = text == null || text.isBlank() ? null : text.strip() + "%";
        return find("(:hospitalId is null or hospitalId = :hospitalId) and (:prefix is null or code like :prefix "
                        + "or name like :prefix)", sort,
                Parameters.with("hospitalId", hospitalId).and("prefix", prefix));
    }
}
