package org.mdms.records.department;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.department.DepartmentDtos.DepartmentChange;
import org.mdms.records.department.DepartmentDtos.DepartmentRequest;
import org.mdms.records.department.DepartmentDtos.DepartmentView;
import org.mdms.records.hospital.HospitalResource.HospitalRepository;

@ApplicationScoped
public class DepartmentService {

    private final DepartmentRepository departments;
    private final HospitalRepository hospitals;
    private final ChangeFeed changes;

    DepartmentService(DepartmentRepository departments, HospitalRepository hospitals, ChangeFeed changes) {
        this.departments = departments;
        this.hospitals = hospitals;
        this.changes = changes;
    }

    @WithSession
    public Uni<Page<DepartmentView>> search(Long hospitalId, String text, PageRequest page) {
        return Page.of(departments.search(hospitalId, text, page.sort()), page, DepartmentView::of);
    }

    @WithSession
    public Uni<DepartmentView> get(long id) {
        return find(id).map(DepartmentView::of);
    }

    @WithTransaction
    public Uni<DepartmentView> create(DepartmentRequest request) {
        Department department = new Department();
        return checkHospital(request.hospitalId())
                .invoke(() -> apply(department, request))
                .chain(() -> departments.persist(department))
                .call(saved -> publish(saved))
                .map(DepartmentView::of);
    }

    @WithTransaction
    public Uni<DepartmentView> update(long id, DepartmentRequest request) {
        return find(id)
                .call(department -> checkHospital(request.hospitalId()))
                .invoke(department -> apply(department, request))
                .call(this::publish)
                .map(DepartmentView::of);
    }

    public Uni<Department> find(long id) {
        return departments.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("department", id));
    }

    private Uni<Void> checkHospital(long hospitalId) {
        return hospitals.findById(hospitalId).onItem().ifNull()
                .failWith(() -> DomainException.unknownReference("hospitalId", "hospital", hospitalId))
                .replaceWithVoid();
    }

    private Uni<Void> publish(Department department) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.DEPARTMENT,
                department.getId(), ChangeFeed.Operation.UPSERT, DepartmentChange.of(department)));
    }

    private static void apply(Department department, DepartmentRequest request) {
        department.setHospitalId(request.hospitalId());
        department.setCode(request.code());
        department.setName(request.name());
        department.setDescription(request.description());
    }
}
