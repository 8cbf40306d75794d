package org.mdms.records.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import org.mdms.records.console.ClinicalDesk.Rx;
import org.mdms.records.console.ClinicalDesk.Times;
import org.mdms.records.console.ClinicalDesk.VisitDesk;
import org.mdms.records.console.ClinicalDesk.VisitRow;
import org.mdms.records.drug.DrugDtos.DrugView;

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
    }

    /** The forms of the visit page; the one that was sent comes back with its values and errors. */
    public record VisitForms(ClinicalForm examination, ClinicalForm vital, Long cancelled, ClinicalForm cancel) {
    }

    static native TemplateInstance today(Pages.Shell shell, Times times, List<VisitRow> visits);

    static native TemplateInstance visit(Pages.Shell shell, Times times, VisitDesk desk, VisitForms forms);

    static native TemplateInstance prescribe(Pages.Shell shell, Times times, VisitDesk desk, List<DraftLine> lines,
                                             ClinicalForm form);

    /** Search as you type in the catalogue: only the result list. */
    static native TemplateInstance drugs(Pages.Shell shell, String query, List<DrugView> drugs);

    /** One more line of the prescription, appended by htmx. */
    static native TemplateInstance prescribe$line(Pages.Shell shell, DraftLine line);

    static native TemplateInstance pharmacy(Pages.Shell shell, Times times, List<Rx> queue, String notice);

    static native TemplateInstance patientForm(Pages.Shell shell, Long patientId, ClinicalForm form);
}
