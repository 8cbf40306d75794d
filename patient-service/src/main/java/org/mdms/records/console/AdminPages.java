package org.mdms.records.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.records.audit.AuditTrail.AuditEventView;
import org.mdms.records.auth.Role;
import org.mdms.records.common.Page;
import org.mdms.records.department.DepartmentDtos.DepartmentView;
import org.mdms.records.hospital.HospitalResource.HospitalView;
import org.mdms.records.staff.Staff;
import org.mdms.records.staff.StaffDtos.StaffView;
import org.mdms.records.patient.PatientDtos.PatientAccess;
import org.mdms.records.user.UserDtos.UserView;

import java.util.List;

/** The admin console's Qute pages (templates/AdminPages/*.html), wrapped in templates/layout.html. */
@CheckedTemplate(basePath = "AdminPages")
public class AdminPages {

    /** The roles an account can be given, in the order the form lists them. */
    public static final List<Role> ROLES = List.of(Role.values());

    /** The audit actions the search offers. */
    public static final List<String> ACTIONS = org.mdms.records.audit.AuditTrail.ACTIONS;

    public record Users(String query, Page<UserView> page, Pager pager) {
    }

    public record Audit(FormState filters, Page<AuditEventView> page, Pager pager) {
    }

    /** The admin's part of a patient chart: deleted or not, delete/restore, and who opened the chart. */
    public record PatientAdmin(PatientAccess patient, FormState deletion, Page<AuditEventView> openedBy) {
    }

    /** A page of a list with its search text and the links to its neighbours. */
    public record Listing<T>(String query, Page<T> page, Pager pager) {
    }

    static native TemplateInstance hospitals(Pages.Shell shell, Listing<HospitalView> hospitals, Long editing,
                                             FormState form);

    static native TemplateInstance departments(Pages.Shell shell, Listing<DepartmentView> departments, Long editing,
                                               FormState form, List<HospitalView> hospitals);

    static native TemplateInstance staff(Pages.Shell shell, Listing<StaffView> staff, Long editing, FormState form,
                                         List<DepartmentView> departments, List<Staff.Kind> kinds);

    static native TemplateInstance users(Pages.Shell shell, Users users, FormState form, List<Role> roles);

    static native TemplateInstance user(Pages.Shell shell, UserView user, FormState password, String done);

    static native TemplateInstance audit(Pages.Shell shell, Audit audit, List<String> actions);

    static native TemplateInstance patient(Pages.Shell shell, PatientAdmin admin);

    /** The same as patient(), without the layout: htmx puts it into the chart. */
    static native TemplateInstance patient$panel(Pages.Shell shell, PatientAdmin admin);
}
