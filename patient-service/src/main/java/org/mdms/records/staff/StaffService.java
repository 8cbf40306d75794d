package org.mdms.records.staff;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.records.auth.Role;
import org.mdms.records.auth.UserAccountRepository;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.records.auth.Caller;
import org.mdms.common.DomainException;
import org.mdms.records.common.Page;
import org.mdms.common.PageRequest;
import org.mdms.records.department.DepartmentRepository;
import org.mdms.records.staff.StaffDtos.StaffChange;
import org.mdms.records.staff.StaffDtos.StaffRequest;
import org.mdms.records.staff.StaffDtos.StaffView;

@ApplicationScoped
public class StaffService {

    private final StaffRepository staff;
    private final DepartmentRepository departments;
    private final UserAccountRepository users;
    private final ChangeFeed changes;

    StaffService(StaffRepository staff, DepartmentRepository departments, UserAccountRepository users,
                 ChangeFeed changes) {
        this.staff = staff;
        this.departments = departments;
        this.users = users;
        this.changes = changes;
    }

    /** Staff and admins get the full rows; patients and analysts the directory (names and titles). */
    @WithSession
    public Uni<Page<StaffView>> search(Long departmentId, Staff.Kind kind, String text, PageRequest page,
                                       Caller caller) {
        return Page.of(staff.search(departmentId, kind, text, page.sort()), page, StaffView.viewFor(caller));
    }

    @WithSession
    public Uni<StaffView> get(long id, Caller caller) {
        return find(id).map(StaffView.viewFor(caller));
    }

    @WithTransaction
    public Uni<StaffView> create(StaffRequest request) {
        Staff member = new Staff();
        return checkReferences(request)
                .invoke(() -> apply(member, request))
                .chain(() -> staff.persist(member))
                .call(this::publish)
                .map(StaffView::of);
    }

    @WithTransaction
    public Uni<StaffView> update(long id, StaffRequest request) {
        return find(id)
                .call(member -> member.getUserId().equals(request.userId()) ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(DomainException.invalid("userId",
                        "a staff member's user cannot be changed")))
                .call(member -> checkReferences(request))
                .invoke(member -> apply(member, request))
                .call(this::publish)
                .map(StaffView::of);
    }

    public Uni<Staff> find(long id) {
        return staff.findById(id).onItem().ifNull().failWith(() -> DomainException.notFound("staff member", id));
    }

    private Uni<Void> checkReferences(StaffRequest request) {
        return departments.findById(request.departmentId()).onItem().ifNull()
                .failWith(() -> DomainException.unknownReference("departmentId", "department", request.departmentId()))
                .chain(() -> users.findById(request.userId())).onItem().ifNull()
                .failWith(() -> DomainException.unknownReference("userId", "user", request.userId()))
                .invoke(user -> {
                    if (user.getRole() != Role.valueOf(request.kind().name())) {
                        throw new DomainException(422, "Unprocessable Content", "user " + user.getId() + " has role "
                                + user.getRole() + " but the staff kind is " + request.kind(),
                                java.util.List.of(new DomainException.FieldError("kind",
                                        "must match the user's role " + user.getRole())));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> publish(Staff member) {
        return Panache.getSession().chain(session -> changes.append(session, ChangeFeed.EntityType.STAFF,
                member.getId(), ChangeFeed.Operation.UPSERT, StaffChange.of(member)));
    }

    private static void apply(Staff member, StaffRequest request) {
        member.setUserId(request.userId());
        member.setDepartmentId(request.departmentId());
        member.setStaffNo(request.staffNo());
        member.setName(request.name());
        member.setKind(request.kind());
        member.setTitle(request.title());
        member.setPhone(request.phone());
        member.setEmail(request.email());
        member.setActive(request.active() == null || request.active());
    }
}
