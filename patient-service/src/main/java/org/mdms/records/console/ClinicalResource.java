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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.mdms.records.prescription.PrescriptionDtos.CancelRequest;
import org.mdms.records.prescription.PrescriptionDtos.ItemRequest;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionRequest;
import org.mdms.records.prescription.PrescriptionService;
import org.mdms.records.vitals.VitalSignDtos.VitalSignRequest;
import org.mdms.records.vitals.VitalSignService;
import org.mdms.records.vitals.VitalType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The console's clinical pages: a doctor's visits of the day, a visit (examinations, vital signs, prescriptions),
 * prescribing with a drug search, and the pharmacist's dispensing queue. Every form goes through the same service and
 * the same Bean Validation as the API, with the signed-in caller; the API's errors are shown beside the fields they
 * name (a refused form comes back with its status and what was typed).
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class ClinicalResource {

    private static final Set<String> EXAMINATION_FIELDS = Set.of("item", "result", "unit", "referenceRange",
            "abnormal", "performedAt");
    private static final Set<String> VITAL_FIELDS = Set.of("type", "value", "secondaryValue", "measuredAt");
    private static final Set<String> PRESCRIPTION_FIELDS = Set.of("note", "items");

    private final ClinicalDesk desk;
    private final ExaminationService examinations;
    private final VitalSignService vitals;
    private final PrescriptionService prescriptions;
    private final DrugService drugs;
    private final CurrentUser currentUser;
    private final ConsoleSession session;
    private final Validator validator;
    private final ConsoleShell shell;
    private final Times times;

    ClinicalResource(ClinicalDesk desk, ExaminationService examinations, VitalSignService vitals,
                     PrescriptionService prescriptions, DrugService drugs, CurrentUser currentUser,
                     ConsoleSession session, Validator validator, ConsoleShell shell, ClinicalSettings settings) {
        this.desk = desk;
        this.examinations = examinations;
        this.vitals = vitals;
        this.prescriptions = prescriptions;
        this.drugs = drugs;
        this.currentUser = currentUser;
        this.session = session;
        this.validator = validator;
        this.shell = shell;
        this.times = new Times(settings.zone());
    }

    // --- doctor: visits of the day, a visit, examinations and vital signs

    @GET
    @Path("/visits/today")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> today(@Context RoutingContext rc) {
        return desk.todaysVisits(currentUser.caller(), times)
                .map(rows -> shell.page(ClinicalPages.today(shell.of(rc), times, rows), rc));
    }

    @GET
    @Path("/visits/{id}")
    @RolesAllowed({Role.ADMIN_, Role.DOCTOR_, Role.NURSE_, Role.TECHNICIAN_})
    public Uni<TemplateInstance> visit(@PathParam("id") long id, @Context RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).map(visit -> shell.page(ClinicalPages.visit(shell.of(rc),
                times, visit, new VisitForms(freshExamination(), freshVital(), null, ClinicalForm.empty())), rc));
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
        ExaminationRequest request = new ExaminationRequest(id, null, form.text("item"), form.text("result"),
                form.text("unit"), form.text("referenceRange"), abnormal != null, form.time("performedAt",
                times.zone()));
        Function<ClinicalForm, VisitForms> sent = f -> new VisitForms(f, freshVital(), null, ClinicalForm.empty());
        if (form.reject(validator.validate(request)).hasErrors()) {
            return visitAgain(id, sent.apply(form), 400, rc);
        }
        Caller caller = currentUser.caller();
        return Uni.createFrom().deferred(() -> examinations.create(request, caller))
                .map(done -> shell.seeOther("/ui/visits/" + id + "#examinations"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedAgain((DomainException) e,
                        EXAMINATION_FIELDS, form, f -> visitAgain(id, sent.apply(f), ((DomainException) e).status(),
                                rc)));
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
        ClinicalForm form = ClinicalForm.empty().with("patientId", patientId).with("type", type)
                .with("value", value).with("secondaryValue", secondaryValue).with("measuredAt", measuredAt);
        VitalSignRequest request = new VitalSignRequest(form.wholeNumber("patientId"), id, null,
                form.choice("type", VitalType::valueOf), form.number("value"), form.number("secondaryValue"), null,
                form.time("measuredAt", times.zone()));
        Function<ClinicalForm, VisitForms> sent = f -> new VisitForms(freshExamination(), f, null,
                ClinicalForm.empty());
        if (form.reject(validator.validate(request)).hasErrors()) {
            return visitAgain(id, sent.apply(form), 400, rc);
        }
        Caller caller = currentUser.caller();
        return Uni.createFrom().deferred(() -> vitals.record(request, caller))
                .map(done -> shell.seeOther("/ui/visits/" + id + "#vital-signs"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedAgain((DomainException) e,
                        VITAL_FIELDS, form, f -> visitAgain(id, sent.apply(f), ((DomainException) e).status(), rc)));
    }

    // --- prescribing

    @GET
    @Path("/visits/{id}/prescribe")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> prescribeForm(@PathParam("id") long id, @Context RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).map(visit -> shell.page(ClinicalPages.prescribe(
                shell.of(rc), times, visit, List.of(), java.math.BigDecimal.ZERO, ClinicalForm.empty()), rc));
    }

    /** The catalogue's search (GET /api/v1/drugs?search=), active drugs only, as the doctor types. */
    @GET
    @Path("/drugs")
    @RolesAllowed(Role.DOCTOR_)
    public Uni<TemplateInstance> drugSearch(@QueryParam("q") String q, @QueryParam("visitId") Long visitId,
                                            @Context RoutingContext rc) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 200) {
            throw DomainException.invalid("q", "at most 200 characters");
        }
        if (query.isEmpty()) {
            return Uni.createFrom().item(shell.page(ClinicalPages.drugs(shell.of(rc), query, visitId, List.of()),
                    rc));
        }
        return drugs.search(new DrugRepository.Criteria(query, null, true),
                        PageRequest.of(0, 10, null, DrugResource.SORTABLE, "name"))
                .map(found -> shell.page(ClinicalPages.drugs(shell.of(rc), query, visitId, found.items()), rc));
    }

    /**
     * The prescription being written, again: a drug added ({@code add}) or a line removed ({@code remove}, its
     * position), with the total priced by the server from the catalogue. htmx swaps the lines and the total; without
     * JavaScript the whole page comes back. Nothing is stored.
     */
    @POST
    @Path("/visits/{id}/prescription-draft")
    @RolesAllowed(Role.DOCTOR_)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> draft(@PathParam("id") long id, @FormParam("note") String note,
                               @FormParam("drugId") List<String> drugIds,
                               @FormParam("quantity") List<String> quantities,
                               @FormParam("dosage") List<String> dosages,
                               @FormParam("frequency") List<String> frequencies,
                               @FormParam("days") List<String> days, @FormParam("add") String add,
                               @FormParam("remove") String remove,
                               @FormParam(ConsoleSession.CSRF_FIELD) String csrf, @Context RoutingContext rc) {
        session.checkCsrf(csrf, rc);
        List<String> ids = new ArrayList<>(drugIds == null ? List.of() : drugIds);
        List<String> qty = padded(quantities, ids.size());
        List<String> dos = padded(dosages, ids.size());
        List<String> freq = padded(frequencies, ids.size());
        List<String> dur = padded(days, ids.size());
        int removed = position(remove, ids.size());
        if (removed >= 0) {
            for (List<String> column : List.of(ids, qty, dos, freq, dur)) {
                column.remove(removed);
            }
        }
        if (add != null && !add.isBlank()) {
            ids.add(add.strip());
            for (List<String> column : List.of(qty, dos, freq, dur)) {
                column.add(null);
            }
        }
        ClinicalForm form = ClinicalForm.empty().with("note", note);
        List<ItemRequest> items = typedLines(form, ids, qty, dos, freq, dur);
        // what cannot be read yet is not an error while writing: it is marked when the prescription is issued
        return prescribeAgain(id, items, form.valuesOnly(), 200, rc);
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
        List<ItemRequest> items = typedLines(form, drugIds, quantities, dosages, frequencies, days);
        PrescriptionRequest request = new PrescriptionRequest(id, form.text("note"), items, null);
        if (form.reject(validator.validate(request)).hasErrors()) {
            return prescribeAgain(id, items, form, 400, rc);
        }
        Caller caller = currentUser.caller();
        return Uni.createFrom().deferred(() -> prescriptions.create(request, caller))
                .map(issued -> shell.seeOther("/ui/visits/" + id + "?issued=" + issued.id() + "#prescriptions"))
                .onFailure(DomainException.class).recoverWithUni(e -> refusedAgain((DomainException) e,
                        PRESCRIPTION_FIELDS, form, f -> prescribeAgain(id, items, f,
                                ((DomainException) e).status(), rc)));
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
        ClinicalForm form = ClinicalForm.empty().with("reason", reason);
        CancelRequest request = new CancelRequest(form.text("reason"));
        if (form.reject(validator.validate(request)).hasErrors()) {
            return prescriptions.get(id, caller).chain(rx -> visitAgain(rx.visitId(),
                    new VisitForms(freshExamination(), freshVital(), id, form), 400, rc));
        }
        return prescriptions.cancel(id, request.reason(), caller)
                .map(cancelled -> shell.seeOther("/ui/visits/" + cancelled.visitId() + "#prescriptions"));
    }

    // --- pharmacist: the dispensing queue

    @GET
    @Path("/pharmacy")
    @RolesAllowed(Role.PHARMACIST_)
    public Uni<TemplateInstance> pharmacy(@QueryParam("dispensed") Long dispensed, @Context RoutingContext rc) {
        String notice = dispensed == null ? null : shell.words(rc).dispensed_notice(dispensed);
        return desk.dispensingQueue(currentUser.caller())
                .map(queue -> shell.page(ClinicalPages.pharmacy(shell.of(rc), times, queue, notice), rc));
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
                .map(done -> shell.seeOther("/ui/pharmacy?dispensed=" + id));
    }

    // --- helpers

    /** 400, 409, 422 beside the fields; 403 and 404 are the API's answer as a page. */
    private static <T> Uni<T> refusedAgain(DomainException refused, Set<String> fields, ClinicalForm form,
                                           Function<ClinicalForm, Uni<T>> again) {
        if (refused.status() == 403 || refused.status() == 404) {
            return Uni.createFrom().failure(refused);
        }
        return again.apply(form.reject(refused, fields));
    }

    private Uni<Response> visitAgain(long id, VisitForms forms, int status, RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).map(visit -> shell.html(status,
                ClinicalPages.visit(shell.of(rc), times, visit, forms), rc));
    }

    private Uni<Response> prescribeAgain(long id, List<ItemRequest> items, ClinicalForm form, int status,
                                         RoutingContext rc) {
        return desk.visit(id, currentUser.caller()).chain(visit -> draftLines(items, form)
                .map(lines -> shell.html(status, ClinicalPages.prescribe(shell.of(rc), times,
                        visit, lines, DraftLine.total(lines), form), rc)));
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

    private ClinicalForm freshExamination() {
        return ClinicalForm.empty().with("performedAt", times.typed(Instant.now()));
    }

    private ClinicalForm freshVital() {
        return ClinicalForm.empty().with("measuredAt", times.typed(Instant.now()));
    }

    /** The lines as typed, each value kept in the form under its API field path (items[1].quantity). */
    private static List<ItemRequest> typedLines(ClinicalForm form, List<String> drugIds, List<String> quantities,
                                                List<String> dosages, List<String> frequencies, List<String> days) {
        List<ItemRequest> items = new ArrayList<>();
        for (int i = 0; drugIds != null && i < drugIds.size(); i++) {
            String line = "items[" + i + "].";
            form.with(line + "drugId", drugIds.get(i)).with(line + "quantity", at(quantities, i))
                    .with(line + "dosage", at(dosages, i)).with(line + "frequency", at(frequencies, i))
                    .with(line + "days", at(days, i));
            items.add(new ItemRequest(form.wholeNumber(line + "drugId"), form.integer(line + "quantity"),
                    form.text(line + "dosage"), form.text(line + "frequency"), form.integer(line + "days"), null,
                    null));
        }
        return items;
    }

    private static List<String> padded(List<String> values, int size) {
        List<String> column = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            column.add(at(values, i));
        }
        return column;
    }

    /** The line to remove, or -1 when the value names none. */
    private static int position(String remove, int lines) {
        try {
            int index = remove == null ? -1 : Integer.parseInt(remove.strip());
            return index >= 0 && index < lines ? index : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : null;
    }
}
