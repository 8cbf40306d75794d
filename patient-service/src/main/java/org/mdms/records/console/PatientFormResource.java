package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.mdms.common.DomainException;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientDtos.Detail;
import org.mdms.records.patient.PatientDtos.PatientRequest;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Registering and editing a patient in the console, with the roles of POST and PUT /api/v1/patients, through the
 * same service and Bean Validation; the API's errors are shown beside the fields they name.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class PatientFormResource {

    private static final Set<String> FIELDS = Set.of("mrn", "name", "gender", "birthDate", "idNumber", "phone",
            "email", "address", "bloodType", "allergies", "emergencyContactName", "emergencyContactPhone");

    private final PatientService patients;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final Validator validator;
    private final ConsoleShell shell;

    PatientFormResource(PatientService patients, CurrentUser currentUser, ConsoleSession session,
                        Validator validator, ConsoleShell shell) {
        this.patients = patients;
        this.currentUser = currentUser;
        this.session = session;
        this.validator = validator;
        this.shell = shell;
    }

    @GET
    @Path("/patients/new")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public TemplateInstance registerForm(@Context RoutingContext rc) {
        return shell.page(ClinicalPages.patientForm(shell.of(rc), null,
                ClinicalForm.empty().with("gender", "UNKNOWN")), rc);
    }

    @POST
    @Path("/patients/new")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> register(@FormParam("mrn") String mrn, @FormParam("name") String name,
                                  @FormParam("gender") String gender, @FormParam("birthDate") String birthDate,
                                  @FormParam("idNumber") String idNumber, @FormParam("phone") String phone,
                                  @FormParam("email") String email, @FormParam("address") String address,
                                  @FormParam("bloodType") String bloodType, @FormParam("allergies") String allergies,
                                  @FormParam("emergencyContactName") String contactName,
                                  @FormParam("emergencyContactPhone") String contactPhone,
                                  @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ClinicalForm form = typed(mrn, name, gender, birthDate, idNumber, phone, email, address, bloodType,
                allergies, contactName, contactPhone);
        PatientRequest request = request(null, form);
        Caller caller = currentUser.caller();
        if (form.reject(validator.validate(request)).hasErrors()) {
            return Uni.createFrom().item(again(null, form, 400, rc));
        }
        return Uni.createFrom().deferred(() -> patients.create(request, caller))
                // to the search, not the chart: who registers a patient does not necessarily treat them
                .map(created -> shell.seeOther("/ui/patients?q="
                        + URLEncoder.encode(created.mrn(), StandardCharsets.UTF_8)))
                .onFailure(DomainException.class).recoverWithItem(e -> refusedAgain(null, (DomainException) e,
                        form, rc));
    }

    @GET
    @Path("/patients/{id}/edit")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public Uni<TemplateInstance> editForm(@PathParam("id") long id, @Context RoutingContext rc) {
        return editable(id, currentUser.caller()).map(patient -> shell.page(ClinicalPages.patientForm(
                shell.of(rc), id, formOf(patient)), rc));
    }

    @POST
    @Path("/patients/{id}/edit")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> edit(@PathParam("id") long id, @FormParam("mrn") String mrn, @FormParam("name") String name,
                              @FormParam("gender") String gender, @FormParam("birthDate") String birthDate,
                              @FormParam("idNumber") String idNumber, @FormParam("phone") String phone,
                              @FormParam("email") String email, @FormParam("address") String address,
                              @FormParam("bloodType") String bloodType, @FormParam("allergies") String allergies,
                              @FormParam("emergencyContactName") String contactName,
                              @FormParam("emergencyContactPhone") String contactPhone,
                              @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ClinicalForm form = typed(mrn, name, gender, birthDate, idNumber, phone, email, address, bloodType,
                allergies, contactName, contactPhone);
        Caller caller = currentUser.caller();
        // the form has no sign-in account field: the record keeps the account it is linked to
        return editable(id, caller).chain(current -> {
            PatientRequest request = request(current.userId(), form);
            if (form.reject(validator.validate(request)).hasErrors()) {
                return Uni.createFrom().item(again(id, form, 400, rc));
            }
            return Uni.createFrom().deferred(() -> patients.update(id, request, caller))
                    .map(updated -> shell.seeOther("/ui/patients/" + id))
                    .onFailure(DomainException.class).recoverWithItem(e -> refusedAgain(id, (DomainException) e,
                            form, rc));
        });
    }

    /** Only a caller who gets the FULL view may edit: a form of a masked view would blank the hidden fields. */
    private Uni<PatientView> editable(long id, Caller caller) {
        return patients.get(id, caller).invoke(patient -> {
            if (patient.detail() != Detail.FULL) {
                throw DomainException.forbidden("your role sees this record masked and may not edit it");
            }
        });
    }

    /** 400, 409 (MRN in use), 422 beside the fields; 403 and 404 are the API's answer as a page. */
    private Response refusedAgain(Long id, DomainException refused, ClinicalForm form, RoutingContext rc) {
        if (refused.status() == 403 || refused.status() == 404) {
            return shell.refused(refused, rc);
        }
        return again(id, form.reject(refused, FIELDS), refused.status(), rc);
    }

    private Response again(Long id, ClinicalForm form, int status, RoutingContext rc) {
        return shell.html(status, ClinicalPages.patientForm(shell.of(rc), id, form), rc);
    }

    private static ClinicalForm typed(String mrn, String name, String gender, String birthDate, String idNumber,
                                      String phone, String email, String address, String bloodType,
                                      String allergies, String contactName, String contactPhone) {
        return ClinicalForm.empty().with("mrn", mrn).with("name", name).with("gender", gender)
                .with("birthDate", birthDate).with("idNumber", idNumber).with("phone", phone).with("email", email)
                .with("address", address).with("bloodType", bloodType).with("allergies", allergies)
                .with("emergencyContactName", contactName).with("emergencyContactPhone", contactPhone);
    }

    private static ClinicalForm formOf(PatientView p) {
        return typed(p.mrn(), p.name(), p.gender() == null ? "" : p.gender().name(),
                p.birthDate() == null ? "" : p.birthDate().toString(), p.idNumber(), p.phone(), p.email(),
                p.address(), p.bloodType(), p.allergies(), p.emergencyContactName(), p.emergencyContactPhone());
    }

    private static PatientRequest request(Long userId, ClinicalForm form) {
        return new PatientRequest(userId, form.text("mrn"), form.text("name"),
                form.choice("gender", Patient.Gender::valueOf), form.date("birthDate"), form.text("idNumber"),
                form.text("phone"), form.text("email"), form.text("address"), form.text("bloodType"),
                form.text("allergies"), form.text("emergencyContactName"), form.text("emergencyContactPhone"));
    }
}
