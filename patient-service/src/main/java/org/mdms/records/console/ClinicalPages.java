package org.mdms.records.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.records.console.ClinicalDesk.Rx;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.console.ClinicalDesk.VisitDesk;
import org.mdms.records.console.ClinicalDesk.VisitRow;
import org.mdms.records.department.DepartmentDtos.DepartmentView;
import org.mdms.records.drug.DrugDtos.DrugView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The clinical pages (templates/ClinicalPages/*.html): visits, prescribing, dispensing, patient registration. */
@CheckedTemplate(basePath = "ClinicalPages")
public class ClinicalPages {

    /** A prescription line being written: the drug as the catalogue has it and what the doctor typed. */
    public record DraftLine(int index, DrugView drug, ClinicalForm form) {

        public String field(String name) {
            return "items[" + index + "]." + name;
        }

        public String value(String name) {
            return form.value(field(name));
        }

        public String error(String name) {
            return form.error(field(name));
        }

        public boolean invalid(String name) {
            return form.invalid(field(name));
        }

        /** The catalogue's price times the quantity typed, as the prescription service will price it; null unread. */
        public BigDecimal amount() {
            try {
                int quantity = Integer.parseInt(value("quantity").strip());
                return quantity > 0 ? drug.price().multiply(BigDecimal.valueOf(quantity))
                        .setScale(2, RoundingMode.HALF_UP) : null;
            } catch (NumberFormatException notYetANumber) {
                return null;
            }
        }

        /** The lines' amounts added up (lines without a readable quantity count nothing yet). */
        public static BigDecimal total(List<DraftLine> lines) {
            return lines.stream().map(DraftLine::amount).filter(java.util.Objects::nonNull)
                    .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
        }
    }

    /** The forms of the visit page; the one that was sent comes back with its values and errors. */
    public record VisitForms(ClinicalForm examination, ClinicalForm vital, Long cancelled, ClinicalForm cancel,
                             ClinicalForm close) {

        public VisitForms(ClinicalForm examination, ClinicalForm vital, Long cancelled, ClinicalForm cancel) {
            this(examination, vital, cancelled, cancel, ClinicalForm.empty());
        }
    }

    /** Opening a visit: the patient as a search result shows them, the departments to choose from. */
    public record NewVisit(long patientId, String patientName, String patientMrn, List<DepartmentView> departments,
                           ClinicalForm form) {

        public boolean chosen(long departmentId) {
            return form.value("departmentId").equals(Long.toString(departmentId));
        }
    }

    static native TemplateInstance today(Pages.Shell shell, Times times, List<VisitRow> visits);

    static native TemplateInstance visit(Pages.Shell shell, Times times, VisitDesk desk, VisitForms forms);

    static native TemplateInstance newVisit(Pages.Shell shell, NewVisit visit);

    static native TemplateInstance prescribe(Pages.Shell shell, Times times, VisitDesk desk, List<DraftLine> lines,
                                             BigDecimal total, ClinicalForm form);

    /** Search as you type in the catalogue: only the result list. */
    static native TemplateInstance drugs(Pages.Shell shell, String query, Long visitId, List<DrugView> drugs);

    static native TemplateInstance pharmacy(Pages.Shell shell, Times times, List<Rx> queue, String notice);

    static native TemplateInstance patientForm(Pages.Shell shell, Long patientId, ClinicalForm form);
}
