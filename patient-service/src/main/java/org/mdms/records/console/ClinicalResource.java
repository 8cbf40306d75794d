package org.mdms.records.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.mdms.common.DomainException;
import org.mdms.common.PageRequest;
import org.mdms.common.console.ConsoleSession;
import org.mdms.records.auth.Caller;
import org.mdms.records.auth.CurrentUser;
import org.mdms.records.auth.Role;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.console.ClinicalPages.DraftLine;
import org.mdms.records.console.ClinicalPages.VisitForms;
import org.mdms.records.drug.DrugRepository;
import org.mdms.records.drug.DrugResource;
import org.mdms.records.drug.DrugService;
import org.mdms.records.examination.ExaminationDtos.ExaminationRequest;
import org.mdms.records.examination.ExaminationService;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientDtos.Detail;
import org.mdms.records.patient.PatientDtos.PatientRequest;
import org.mdms.records.patient.PatientDtos.PatientView;
import org.mdms.records.patient.PatientService;
import org.mdms.records.prescription.PrescriptionDtos.CancelRequest;
import org.mdms.records.prescription.PrescriptionDtos.ItemRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionRequest;
import org.mdms.records.prescription.PrescriptionService;
import org.mdms.records.vitals.VitalSignDtos.VitalSignRequest;
import org.mdms.records.vitals.VitalSignService;
import org.mdms.records.vitals.VitalType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The console's clinical pages: a doctor's visits of the day, a visit (examinations, vital signs, prescriptions),
 * prescribing with a drug search, the pharmacist's dispensing queue, and registering and editing patients. Every
 * form goes through the same service and the same Bean Validation as the API, with the signed-in caller; the API's
 * errors are shown beside the fields they name.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class ClinicalResource {

    private static final Set<String> EXAMINATION_FIELDS = Set.of("item", "result", "unit", "referenceRange",
            "abnormal", "performedAt");
    private static final Set<String> VITAL_FIELDS = Set.of("type", "value", "secondaryValue", "measuredAt");
    private static final Set<String> PATIENT_FIELDS = Set.of("mrn", "name", "gender", "birthDate", "idNumber",
            "phone", "email", "address", "bloodType", "allergies", "emergencyContactName", "emergencyContactPhone");
    private static final Set<String> PRESCRIPTION_FIELDS = Set.of("note", "items");

    private final ClinicalDesk desk;
    private final PatientService patients;
    private final ExaminationService examinations;
    private final VitalSignService vitals;
    private final PrescriptionService prescriptions;
    private final DrugService drugs;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final Validator validator;
    private final Times times;
    private final ConsoleMessages en;
    private final ConsoleMessages zh;

    ClinicalResource(ClinicalDesk desk, PatientService patients, ExaminationService examinations,
                     VitalSignService vitals, PrescriptionService prescriptions, DrugService drugs,
                     CurrentUser currentUser, ConsoleSession session, Validator validator, ClinicalSettings settings,
                     @io.quarkus.qute.i18n.Localized("en") ConsoleMessages en, ConsoleMessages zh) {
        this.desk = desk;
        this.patients = patients;
        this.examinations = examinations;
        this.vitals = vitals;
        this.prescriptions = prescriptions;
        this.drugs = drugs;
        this.currentUser = currentUser;
        this.session = session;
        this.validator = validator;
        this.times = new Times(settings.zone());
        this.en = en;
        this.zh = zh;
    }

    // --- doctor: visits of the day, a visit, examinations and vital signs

    @GET
    @Path("/visits/today")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> today(@Context RoutingContext rc) {
        return desk.todaysVisits(currentUser.caller(), times)
                .map(rows -> page(ClinicalPages.today(shell(rc), times, rows), rc));
    }

    @GET
    @Path("/visits/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    public Uni<TemplateInstance> visit(@PathParam("id") long id, @Context RoutingContext rc) {
        return desk.visit(id, currentUser.caller())
                .map(visit -> page(ClinicalPages.visit(shell(rc), times, visit, freshForms()), rc));
    }

    /** As POST /api/v1/examinations, for this visit. */
    @POST
    @Path("/visits/{id}/examinations")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.TECHNICIAN_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> recordExamination(@PathParam("id") long id, @FormParam("item") String item,
                                           @FormParam("result") String result, @FormParam("unit") String unit,
                                           @FormParam("referenceRange") String referenceRange,
                                           @FormParam("abnormal") String abnormal,
                                           @FormParam("performedAt") String performedAt,
                                           @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                           @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ClinicalForm form = ClinicalForm.empty().with("item", item).with("result", result).with("unit", unit)
                .with("referenceRange", referenceRange).with("abnormal", abnormal != null)
                .with("performedAt", performedAt);
        Instant performed = time(form, "performedAt", performedAt);
        ExaminationRequest request = new ExaminationRequest(id, null, blankToNull(item), blankToNull(result),
                blankToNull(unit), blankToNull(referenceRange), abnormal != null, performed);
        form.reject(validator.validate(request));
        Caller caller = currentUser.caller();
        if (form.hasErrors()) {
            return visitAgain(id, new VisitForms(form, freshVital(), null, ClinicalForm.empty()), 400, rc);
        }
        return Uni.createFrom().deferred(() -> examinations.create(request, caller))
                .map(done -> seeOther("/ui/visits/" + id + "#examinations"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedField((DomainException) e,
                        EXAMINATION_FIELDS, form, f -> visitAgain(id, new VisitForms(f, freshVital(), null,
                                ClinicalForm.empty()), ((DomainException) e).status(), rc)));
    }

    /** As POST /api/v1/vital-signs, for this visit's patient. */
    @POST
    @Path("/visits/{id}/vital-signs")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> recordVitalSign(@PathParam("id") long id, @FormParam("patientId") String patientId,
                                         @FormParam("type") String type, @FormParam("value") String value,
                                         @FormParam("secondaryValue") String secondaryValue,
                                         @FormParam("measuredAt") String measuredAt,
                                         @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                         @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ClinicalForm form = ClinicalForm.empty().with("type", type).with("value", value)
                .with("secondaryValue", secondaryValue).with("measuredAt", measuredAt);
        VitalType vitalType = choice(form, "type", type, VitalType::valueOf);
        BigDecimal reading = number(form, "value", value);
        BigDecimal secondary = number(form, "secondaryValue", secondaryValue);
        Instant measured = time(form, "measuredAt", measuredAt);
        Long patient = wholeNumber(form, "patientId", patientId);
        VitalSignRequest request = new VitalSignRequest(patient, id, null, vitalType, reading, secondary, null,
                measured);
        form.reject(validator.validate(request));
        Caller caller = currentUser.caller();
        if (form.hasErrors()) {
            return visitAgain(id, new VisitForms(freshExamination(), form, null, ClinicalForm.empty()), 400, rc);
        }
        return Uni.createFrom().deferred(() -> vitals.record(request, caller))
                .map(done -> seeOther("/ui/visits/" + id + "#vital-signs"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedField((DomainException) e,
                        VITAL_FIELDS, form, f -> visitAgain(id, new VisitForms(freshExamination(), f, null,
                                ClinicalForm.empty()), ((DomainException) e).status(), rc)));
    }

    // --- prescribing

    @GET
    @Path("/visits/{id}/prescribe")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> prescribeForm(@PathParam("id") long id, @Context RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).map(visit -> page(ClinicalPages.prescribe(shell(rc), times,
                visit, List.of(), ClinicalForm.empty()), rc));
    }

    /** The catalogue's search (GET /api/v1/drugs?search=), active drugs only, as the doctor types. */
    @GET
    @Path("/drugs")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> drugSearch(@QueryParam("q") String q, @Context RoutingContext rc) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 200) {
            throw DomainException.invalid("q", "at most 200 characters");
        }
        if (query.isEmpty()) {
            return Uni.createFrom().item(page(ClinicalPages.drugs(shell(rc), query, List.of()), rc));
        }
        return drugs.search(new DrugRepository.Criteria(query, null, true),
                        PageRequest.of(0, 10, null, DrugResource.SORTABLE, "name"))
                .map(found -> page(ClinicalPages.drugs(shell(rc), query, found.items()), rc));
    }

    /** One more line for the drug chosen, appended to the prescription form by htmx. */
    @GET
    @Path("/prescription-lines")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> line(@QueryParam("drugId") long drugId, @Context RoutingContext rc) {
        // a new line has no errors, so its position in the form does not matter yet
        return drugs.get(drugId).map(drug -> page(ClinicalPages.prescribe$line(shell(rc),
                new DraftLine(0, drug, ClinicalForm.empty())), rc));
    }

    /** As POST /api/v1/prescriptions: the server prices every item from the catalogue and computes the total. */
    @POST
    @Path("/visits/{id}/prescriptions")
    @RolesAllowed(Role.DOCTOR_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> prescribe(@PathParam("id") long id, @FormParam("note") String note,
                                   @FormParam("drugId") List<String> drugIds,
                                   @FormParam("quantity") List<String> quantities,
                                   @FormParam("dosage") List<String> dosages,
                                   @FormParam("frequency") List<String> frequencies,
                                   @FormParam("days") List<String> days,
                                   @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        ClinicalForm form = ClinicalForm.empty().with("note", note);
        List<ItemRequest> items = new ArrayList<>();
        for (int i = 0; i < drugIds.size(); i++) {
            String prefix = "items[" + i + "].";
            form.with(prefix + "quantity", at(quantities, i)).with(prefix + "dosage", at(dosages, i))
                    .with(prefix + "frequency", at(frequencies, i)).with(prefix + "days", at(days, i));
            items.add(new ItemRequest(wholeNumber(form, prefix + "drugId", drugIds.get(i)),
                    integer(form, prefix + "quantity", at(quantities, i)), blankToNull(at(dosages, i)),
                    blankToNull(at(frequencies, i)), integer(form, prefix + "days", at(days, i)), null, null));
        }
        PrescriptionRequest request = new PrescriptionRequest(id, blankToNull(note), items, null);
        form.reject(validator.validate(request));
        Caller caller = currentUser.caller();
        if (form.hasErrors()) {
            return prescribeAgain(id, items, form, 400, rc);
        }
        return Uni.createFrom().deferred(() -> prescriptions.create(request, caller))
                .map(issued -> seeOther("/ui/visits/" + id + "?issued=" + issued.id() + "#prescriptions"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedField((DomainException) e,
                        PRESCRIPTION_FIELDS, form, f -> prescribeAgain(id, items, f, ((DomainException) e).status(),
                                rc)));
    }

    /** As POST /api/v1/prescriptions/{id}/cancel: the prescribing doctor or an admin, with a reason. */
    @POST
    @Path("/prescriptions/{id}/cancel")
    @RolesAllowed({Role.DOCTOR_, Role.ADMIN_})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") long id, @FormParam("reason") String reason,
                                @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        Caller caller = currentUser.caller();
        CancelRequest request = new CancelRequest(blankToNull(reason));
        ClinicalForm form = ClinicalForm.empty().with("reason", reason).reject(validator.validate(request));
        if (form.hasErrors()) {
            return prescriptions.get(id, caller).chain(rx -> visitAgain(rx.visitId(),
                    new VisitForms(freshExamination(), freshVital(), id, form), 400, rc));
        }
        return prescriptions.cancel(id, request.reason(), caller)
                .map(cancelled -> seeOther("/ui/visits/" + cancelled.visitId() + "#prescriptions"));
    }

    // --- pharmacist: the dispensing queue

    @GET
    @Path("/pharmacy")
    @RolesAllowed(Role.PHARMACIST_)
    public Uni<TemplateInstance> pharmacy(@QueryParam("dispensed") Long dispensed, @Context RoutingContext rc) {
        String notice = dispensed == null ? null : words(rc).dispensed_notice(dispensed);
        return desk.dispensingQueue(currentUser.caller())
                .map(queue -> page(ClinicalPages.pharmacy(shell(rc), times, queue, notice), rc));
    }

    /** As POST /api/v1/prescriptions/{id}/dispense: 409 unless ISSUED. */
    @POST
    @Path("/prescriptions/{id}/dispense")
    @RolesAllowed(Role.PHARMACIST_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> dispense(@PathParam("id") long id, @FormParam(ConsoleSession.CSRF_FIELD) String csrf,
                                  @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        return prescriptions.dispense(id, currentUser.caller())
                .map(done -> seeOther("/ui/pharmacy?dispensed=" + id));
    }

    // --- registering and editing patients (the roles of POST and PUT /api/v1/patients)

    @GET
    @Path("/patients/new")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public TemplateInstance registerForm(@Context RoutingContext rc) {
        return page(ClinicalPages.patientForm(shell(rc), null, ClinicalForm.empty().with("gender", "UNKNOWN")), rc);
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
        ClinicalForm form = patientForm(mrn, name, gender, birthDate, idNumber, phone, email, address, bloodType,
                allergies, contactName, contactPhone);
        PatientRequest request = patientRequest(null, form);
        Caller caller = currentUser.caller();
        if (form.reject(validator.validate(request)).hasErrors()) {
            return Uni.createFrom().item(patientFormAgain(null, form, 400, rc));
        }
        return Uni.createFrom().deferred(() -> patients.create(request, caller))
                // to the search, not the chart: who registers a patient does not necessarily treat them
                .map(created -> seeOther("/ui/patients?q="
                        + URLEncoder.encode(created.mrn(), StandardCharsets.UTF_8)))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedField((DomainException) e,
                        PATIENT_FIELDS, form, f -> Uni.createFrom().item(patientFormAgain(null, f,
                                ((DomainException) e).status(), rc))));
    }

    @GET
    @Path("/patients/{id}/edit")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_})
    public Uni<TemplateInstance> editForm(@PathParam("id") long id, @Context RoutingContext rc) {
        return editable(id, currentUser.caller()).map(patient -> page(ClinicalPages.patientForm(shell(rc), id,
                formOf(patient)), rc));
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
        ClinicalForm form = patientForm(mrn, name, gender, birthDate, idNumber, phone, email, address, bloodType,
                allergies, contactName, contactPhone);
        Caller caller = currentUser.caller();
        // the form has no sign-in account field: the record keeps the account it is linked to
        return editable(id, caller).chain(current -> {
            PatientRequest request = patientRequest(current.userId(), form);
            if (form.reject(validator.validate(request)).hasErrors()) {
                return Uni.createFrom().item(patientFormAgain(id, form, 400, rc));
            }
            return Uni.createFrom().deferred(() -> patients.update(id, request, caller))
                    .map(updated -> seeOther("/ui/patients/" + id))
                    .onFailure(DomainException.class).recoverWithUni(e -> refusedField((DomainException) e,
                            PATIENT_FIELDS, form, f -> Uni.createFrom().item(patientFormAgain(id, f,
                                    ((DomainException) e).status(), rc))));
        });
    }

    // --- failures become pages, never JSON (as ConsoleResource's): an ended session goes back to sign-in

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, @Context RoutingContext rc) {
        return backToSignIn(rc);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, @Context RoutingContext rc) {
        return backToSignIn(rc);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, @Context RoutingContext rc) {
        return errorPage(403, words(rc).forbidden(), null, rc);
    }

    @ServerExceptionMapper
    public Response refused(DomainException e, @Context RoutingContext rc) {
        ConsoleMessages words = words(rc);
        if (e instanceof ConsoleSession.CsrfRefused) {
            return errorPage(403, words.forbidden(), words.csrf_refused(), rc);
        }
        String title = switch (e.status()) {
            case 403 -> words.forbidden();
            case 404 -> words.not_found();
            case 400, 422 -> words.bad_request();
            case 409 -> words.conflict();
            default -> words.error();
        };
        return errorPage(e.status(), title, e.getMessage(), rc);
    }

    // --- helpers

    /** Only a caller who gets the FULL view may edit: a form of a masked view would blank the hidden fields. */
    private Uni<PatientView> editable(long id, Caller caller) {
        return patients.get(id, caller).invoke(patient -> {
            if (patient.detail() != Detail.FULL) {
                throw DomainException.forbidden("your role sees this record masked and may not edit it");
            }
        });
    }

    private <T> Uni<T> refusedField(DomainException refused, Set<String> fields, ClinicalForm form,
                                    Function<ClinicalForm, Uni<T>> again) {
        if (refused.status() == 403 || refused.status() == 404 || refused instanceof ConsoleSession.CsrfRefused) {
            return Uni.createFrom().failure(refused);
        }
        return again.apply(form.reject(refused, fields));
    }

    private Uni<Response> visitAgain(long id, VisitForms forms, int status, RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).map(visit -> html(status,
                page(ClinicalPages.visit(shell(rc), times, visit, forms), rc)));
    }

    private Uni<Response> prescribeAgain(long id, List<ItemRequest> items, ClinicalForm form, int status,
                                         RoutingContext rc) {
        Caller caller = currentUser.caller();
        return desk.visit(id, caller).chain(visit -> draftLines(items, form)
                .map(lines -> html(status, page(ClinicalPages.prescribe(shell(rc), times, visit, lines, form), rc))));
    }

    /** The lines typed so far, each with its drug as the catalogue has it (a drug that is gone is dropped). */
    private Uni<List<DraftLine>> draftLines(List<ItemRequest> items, ClinicalForm form) {
        Uni<List<DraftLine>> lines = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            Long drugId = items.get(i).drugId();
            if (drugId == null) {
                continue;
            }
            lines = lines.call(list -> drugs.get(drugId)
                    .invoke(drug -> list.add(new DraftLine(index, drug, form)))
                    .onFailure(DomainException.class).recoverWithNull());
        }
        return lines;
    }

    private Response patientFormAgain(Long id, ClinicalForm form, int status, RoutingContext rc) {
        return html(status, page(ClinicalPages.patientForm(shell(rc), id, form), rc));
    }

    private VisitForms freshForms() {
        return new VisitForms(freshExamination(), freshVital(), null, ClinicalForm.empty());
    }

    private ClinicalForm freshExamination() {
        return ClinicalForm.empty().with("performedAt", times.typed(Instant.now()));
    }

    private ClinicalForm freshVital() {
        return ClinicalForm.empty().with("measuredAt", times.typed(Instant.now()));
    }

    private static ClinicalForm patientForm(String mrn, String name, String gender, String birthDate, String idNumber,
                                            String phone, String email, String address, String bloodType,
                                            String allergies, String contactName, String contactPhone) {
        return ClinicalForm.empty().with("mrn", mrn).with("name", name).with("gender", gender)
                .with("birthDate", birthDate).with("idNumber", idNumber).with("phone", phone).with("email", email)
                .with("address", address).with("bloodType", bloodType).with("allergies", allergies)
                .with("emergencyContactName", contactName).with("emergencyContactPhone", contactPhone);
    }

    private static ClinicalForm formOf(PatientView p) {
        return patientForm(p.mrn(), p.name(), p.gender() == null ? "" : p.gender().name(),
                p.birthDate() == null ? "" : p.birthDate().toString(), p.idNumber(), p.phone(), p.email(),
                p.address(), p.bloodType(), p.allergies(), p.emergencyContactName(), p.emergencyContactPhone());
    }

    private static PatientRequest patientRequest(Long userId, ClinicalForm form) {
        Patient.Gender gender = choice(form, "gender", form.value("gender"), Patient.Gender::valueOf);
        LocalDate birth = null;
        String birthText = form.value("birthDate").strip();
        if (!birthText.isEmpty()) {
            try {
                birth = LocalDate.parse(birthText);
            } catch (DateTimeParseException e) {
                form.reject("birthDate", "must be a date as yyyy-MM-dd");
            }
        }
        return new PatientRequest(userId, blankToNull(form.value("mrn")), blankToNull(form.value("name")), gender,
                birth, blankToNull(form.value("idNumber")), blankToNull(form.value("phone")),
                blankToNull(form.value("email")), blankToNull(form.value("address")),
                blankToNull(form.value("bloodType")), blankToNull(form.value("allergies")),
                blankToNull(form.value("emergencyContactName")), blankToNull(form.value("emergencyContactPhone")));
    }

    /** A datetime-local value in the hospital's zone; blank is left to Bean Validation (@NotNull). */
    private Instant time(ClinicalForm form, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).atZone(times.zone()).toInstant();
        } catch (DateTimeParseException e) {
            form.reject(field, "must be a date and time as yyyy-MM-ddTHH:mm");
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(ClinicalForm form, String field, String text, Function<String, E> of) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return of.apply(text.strip());
        } catch (IllegalArgumentException e) {
            form.reject(field, "not one of the choices: " + text);
            return null;
        }
    }

    private static BigDecimal number(ClinicalForm form, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            form.reject(field, "must be a number");
            return null;
        }
    }

    private static Long wholeNumber(ClinicalForm form, String field, String text) {
        BigDecimal value = number(form, field, text);
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            form.reject(field, "must be a whole number");
            return null;
        }
    }

    private static Integer integer(ClinicalForm form, String field, String text) {
        Long value = wholeNumber(form, field, text);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            form.reject(field, "is too large");
            return null;
        }
        return value == null ? null : value.intValue();
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Response backToSignIn(RoutingContext rc) {
        String target = session.hasSessionCookie(rc) ? "/ui/sign-in?ended=1" : "/ui/sign-in";
        if (rc.request().getHeader("HX-Request") != null) {
            return Response.ok().header("HX-Redirect", target).cookie(session.cleared(rc)).build();
        }
        return Response.seeOther(URI.create(target)).cookie(session.cleared(rc)).build();
    }

    private Response errorPage(int status, String title, String detail, RoutingContext rc) {
        // only an identity already resolved for this request (reading it now would block the event loop)
        Pages.Shell shell = rc.user() != null && currentUser.isSignedIn() ? shell(rc)
                : new Pages.Shell(null, null, session.csrfToken(rc), session.locale(rc));
        return html(status, page(Pages.error(shell, status, title, detail), rc));
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page.render()).build();
    }

    private Pages.Shell shell(RoutingContext rc) {
        return new Pages.Shell(currentUser.caller(), currentUser.displayName(), session.csrfToken(rc),
                session.locale(rc));
    }

    private TemplateInstance page(TemplateInstance template, RoutingContext rc) {
        return template.setLocale(session.locale(rc));
    }

    private ConsoleMessages words(RoutingContext rc) {
        return Locale.ENGLISH.getLanguage().equals(session.locale(rc).getLanguage()) ? en : zh;
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
