package org.mdms.records.console;

import io.quarkus.qute.TemplateGlobal;
import org.mdms.records.patient.Patient;
import org.mdms.records.vitals.VitalType;

import java.util.List;

/** The choices of the clinical forms' select boxes, the same values the API accepts. */
@TemplateGlobal
public final class ClinicalChoices {

    private ClinicalChoices() {
    }

    static List<VitalType> vitalTypes() {
        return List.of(VitalType.values());
    }

    static List<org.mdms.records.visit.Visit.Type> visitTypes() {
        return List.of(org.mdms.records.visit.Visit.Type.values());
    }

    static List<Patient.Gender> genders() {
        return List.of(Patient.Gender.values());
    }

    static List<String> bloodTypes() {
        return List.of("A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-", "UNKNOWN");
    }
}
