package org.mdms.records.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.mdms.records.changes.ChangeFeed;
import org.mdms.records.changes.ChangeResource;
import org.mdms.records.department.DepartmentDtos;
import org.mdms.records.drug.DrugDtos;
import org.mdms.records.examination.ExaminationDtos;
import org.mdms.records.patient.PatientDtos;
import org.mdms.records.prescription.PrescriptionDtos;
import org.mdms.records.staff.StaffDtos;
import org.mdms.records.visit.VisitDtos;
import org.mdms.records.vitals.VitalSignDtos;

/**
 * Types Jackson serialises that Quarkus cannot see from resource signatures (change-feed payloads written with
 * ObjectMapper, problem bodies inside a Response), so a native image keeps their accessors.
 */
@RegisterForReflection(targets = {
        Problem.class, DomainException.FieldError.class,
        ChangeFeed.ChangeEvent.class, ChangeResource.ChangePage.class,
        DepartmentDtos.DepartmentChange.class, StaffDtos.StaffChange.class, PatientDtos.PatientChange.class,
        DrugDtos.DrugChange.class, VisitDtos.VisitChange.class, ExaminationDtos.ExaminationChange.class,
        PrescriptionDtos.PrescriptionChange.class, PrescriptionDtos.ItemChange.class,
        VitalSignDtos.VitalSignChange.class})
public final class NativeRegistrations {
    private NativeRegistrations() {
    }
}
