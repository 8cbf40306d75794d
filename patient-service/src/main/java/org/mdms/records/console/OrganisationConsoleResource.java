package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.department.DepartmentDtos.DepartmentRequest;
import org.mdms.records.department.DepartmentResource;
import org.mdms.records.department.DepartmentService;
import org.mdms.records.hospital.HospitalResource;
import org.mdms.records.hospital.HospitalResource.HospitalRequest;
import org.mdms.records.hospital.HospitalService;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffDtos.StaffRequest;
import org.mdms.records.staff.StaffResource;
import org.mdms.records.staff.StaffService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The admin's organisation pages under /ui/admin: hospitals, departments and staff (list, search, create, edit),
 * through the same services and Bean Validation rules as /api/v1/hospitals, /departments and /staff.
 */
@Path("/ui/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_)
public class OrganisationConsoleResource {

    static final int PAGE_SIZE = 20;
    /** The hospitals and departments a form's drop-down offers. */
    static final int CHOICES = 200;

    private final HospitalService hospitals;
    private final DepartmentService departments;
    private final StaffService staff;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final ConsoleShell shell;
    private final ConsoleValidation validation;

    OrganisationConsoleResource(HospitalService hospitals, DepartmentService departments, StaffService staff,
                                CurrentUser currentUser, ConsoleSession session, ConsoleShell shell,
                                ConsoleValidation validation) {
        this.hospitals = hospitals;
        this.departments = departments;
        this.staff = staff;
        this.currentUser = currentUser;
        this.session = session;
        this.shell = shell;
        this.validation = validation;
    }

    // --- hospitals

    @GET
    @Path("/hospitals")
    public Uni<TemplateInstance> hospitals(@QueryParam("q") String q, @QueryParam("page") String page,
                                           @Context RoutingContext rc) {
        return hospitalsPage(q, page, null, FormState.fresh(), rc);
    }

    @GET
    @Path("/hospitals/{id}")
    public Uni<TemplateInstance> hospital(@PathParam("id") long id, @Context RoutingContext rc) {
        return hospitals.get(id).chain(h -> hospitalsPage(null, null, id, FormState.of(Map.of("code", h.code(),
                "name", h.name(), "address", text(h.address()), "phone", text(h.phone()))), rc));
    }

    @POST
    @Path("/hospitals")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createHospital(MultivaluedMap<String, String> form, @Context RoutingContext rc) {
        return saveHospital(null, form, rc);
    }

    @POST
    @Path("/hospitals/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> updateHospital(@PathParam("id") long id, MultivaluedMap<String, String> form,
                                        @Context RoutingContext rc) {
        return saveHospital(id, form, rc);
    }

    private Uni<Response> saveHospital(Long id, MultivaluedMap<String, String> form, RoutingContext rc) {
        session.checkCsrf(form.getFirst(ConsoleSession.CSRF_FIELD), rc);
        FormState typed = typed(form, "code", "name", "address", "phone");
        HospitalRequest request = new HospitalRequest(typed.value("code"), typed.value("name"),
                blankToNull(typed.value("address")), blankToNull(typed.value("phone")));
        return save(request, typed, rc, errors -> hospitalsPage(null, null, id, errors, rc),
                () -> id == null ? hospitals.create(request).replaceWithVoid()
                        : hospitals.update(id, request).replaceWithVoid(), "/ui/admin/hospitals");
    }

    private Uni<TemplateInstance> hospitalsPage(String q, String page, Long editing, FormState form,
                                                RoutingContext rc) {
        String query = query(q);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, HospitalResource.SORTABLE, "code");
        return hospitals.search(query, paging).map(found -> shell.page(AdminPages.hospitals(shell.of(rc),
                new AdminPages.Listing<>(query, found, Pager.of(found, "/ui/admin/hospitals", Map.of("q", query))),
                editing, form), rc));
    }

    // --- departments

    @GET
    @Path("/departments")
    public Uni<TemplateInstance> departments(@QueryParam("q") String q, @QueryParam("page") String page,
                                             @Context RoutingContext rc) {
        return departmentsPage(q, page, null, FormState.fresh(), rc);
    }

    @GET
    @Path("/departments/{id}")
    public Uni<TemplateInstance> department(@PathParam("id") long id, @Context RoutingContext rc) {
        return departments.get(id).chain(d -> departmentsPage(null, null, id, FormState.of(Map.of(
                "hospitalId", String.valueOf(d.hospitalId()), "code", d.code(), "name", d.name(),
                "description", text(d.description()))), rc));
    }

    @POST
    @Path("/departments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createDepartment(MultivaluedMap<String, String> form, @Context RoutingContext rc) {
        return saveDepartment(null, form, rc);
    }

    @POST
    @Path("/departments/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> updateDepartment(@PathParam("id") long id, MultivaluedMap<String, String> form,
                                          @Context RoutingContext rc) {
        return saveDepartment(id, form, rc);
    }

    private Uni<Response> saveDepartment(Long id, MultivaluedMap<String, String> form, RoutingContext rc) {
        session.checkCsrf(form.getFirst(ConsoleSession.CSRF_FIELD), rc);
        FormState typed = typed(form, "hospitalId", "code", "name", "description");
        DepartmentRequest request = new DepartmentRequest(number(typed.value("hospitalId")), typed.value("code"),
                typed.value("name"), blankToNull(typed.value("description")));
        return save(request, typed, rc, errors -> departmentsPage(null, null, id, errors, rc),
                () -> id == null ? departments.create(request).replaceWithVoid()
                        : departments.update(id, request).replaceWithVoid(), "/ui/admin/departments");
    }

    private Uni<TemplateInstance> departmentsPage(String q, String page, Long editing, FormState form,
                                                  RoutingContext rc) {
        String query = query(q);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, DepartmentResource.SORTABLE, "code");
        PageRequest choices = PageRequest.of(0, CHOICES, null, HospitalResource.SORTABLE, "code");
        return departments.search(null, query, paging)
                .chain(found -> hospitals.search(null, choices).map(hospitalList -> shell.page(
                        AdminPages.departments(shell.of(rc), new AdminPages.Listing<>(query, found,
                                Pager.of(found, "/ui/admin/departments", Map.of("q", query))),
                                editing, form, hospitalList.items()), rc)));
    }

    // --- staff

    @GET
    @Path("/staff")
    public Uni<TemplateInstance> staffList(@QueryParam("q") String q, @QueryParam("page") String page,
                                           @Context RoutingContext rc) {
        return staffPage(q, page, null, FormState.fresh(), rc);
    }

    @GET
    @Path("/staff/{id}")
    public Uni<TemplateInstance> staffMember(@PathParam("id") long id, @Context RoutingContext rc) {
        return staff.get(id, currentUser.caller()).chain(s -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("userId", String.valueOf(s.userId()));
            values.put("departmentId", String.valueOf(s.departmentId()));
            values.put("staffNo", s.staffNo());
            values.put("name", s.name());
            values.put("kind", s.kind().name());
            values.put("title", text(s.title()));
            values.put("phone", text(s.phone()));
            values.put("email", text(s.email()));
            values.put("active", String.valueOf(s.active()));
            return staffPage(null, null, id, FormState.of(values), rc);
        });
    }

    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> createStaff(MultivaluedMap<String, String> form, @Context RoutingContext rc) {
        return saveStaff(null, form, rc);
    }

    @POST
    @Path("/staff/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> updateStaff(@PathParam("id") long id, MultivaluedMap<String, String> form,
                                     @Context RoutingContext rc) {
        return saveStaff(id, form, rc);
    }

    private Uni<Response> saveStaff(Long id, MultivaluedMap<String, String> form, RoutingContext rc) {
        session.checkCsrf(form.getFirst(ConsoleSession.CSRF_FIELD), rc);
        FormState typed = typed(form, "userId", "departmentId", "staffNo", "name", "kind", "title", "phone", "email",
                "active");
        Staff.Kind kind = kind(typed.value("kind"));
        StaffRequest request = new StaffRequest(number(typed.value("userId")), number(typed.value("departmentId")),
                typed.value("staffNo"), typed.value("name"), kind, blankToNull(typed.value("title")),
                blankToNull(typed.value("phone")), blankToNull(typed.value("email")),
                "true".equals(typed.value("active")));
        return save(request, typed, rc, errors -> staffPage(null, null, id, errors, rc),
                () -> id == null ? staff.create(request).replaceWithVoid()
                        : staff.update(id, request).replaceWithVoid(), "/ui/admin/staff");
    }

    private Uni<TemplateInstance> staffPage(String q, String page, Long editing, FormState form, RoutingContext rc) {
        String query = query(q);
        PageRequest paging = PageRequest.of(pageNumber(page), PAGE_SIZE, null, StaffResource.SORTABLE, "name");
        PageRequest choices = PageRequest.of(0, CHOICES, null, DepartmentResource.SORTABLE, "code");
        return staff.search(null, null, query, paging, currentUser.caller())
                .chain(found -> departments.search(null, null, choices).map(departmentList -> shell.page(
                        AdminPages.staff(shell.of(rc), new AdminPages.Listing<>(query, found,
                                Pager.of(found, "/ui/admin/staff", Map.of("q", query))),
                                editing, form, departmentList.items(), List.of(Staff.Kind.values())), rc)));
    }

    /**
     * Checks the request with the API's rules; if they hold, saves it and goes back to the list (303), else shows the
     * form again with the messages beside the fields (400; a service's 409/422 naming a field the same way).
     */
    private Uni<Response> save(Object request, FormState typed, RoutingContext rc,
                               Function<FormState, Uni<TemplateInstance>> form,
                               java.util.function.Supplier<Uni<? extends Void>> store, String list) {
        ConsoleMessages words = shell.words(rc);
        Map<String, String> invalid = validation.check(request, words);
        if (!invalid.isEmpty()) {
            return form.apply(typed.withErrors(invalid)).map(t -> shell.html(400, t, rc));
        }
        return Uni.createFrom().deferred(store)
                .map(done -> shell.seeOther(list))
                .onFailure(e -> e instanceof DomainException refused && !refused.errors().isEmpty()
                        && (refused.status() == 400 || refused.status() == 409 || refused.status() == 422))
                .recoverWithUni(e -> form.apply(typed.withErrors(ProblemText.fields((DomainException) e, words,
                        shell.english(rc)))).map(t -> shell.html(((DomainException) e).status(), t, rc)));
    }

    private static FormState typed(MultivaluedMap<String, String> form, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            String value = form.getFirst(field);
            values.put(field, value == null ? "" : value.strip());
        }
        return FormState.of(values);
    }

    private static Long number(String value) {
        try {
            return value.isEmpty() ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return -1L; // refused by @Positive, beside the field
        }
    }

    private static Staff.Kind kind(String value) {
        try {
            return value.isEmpty() ? null : Staff.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String query(String q) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 100) {
            throw DomainException.invalid("q", "at most 100 characters");
        }
        return query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("page", "must be a whole number, got '" + page + "'");
        }
    }
}
