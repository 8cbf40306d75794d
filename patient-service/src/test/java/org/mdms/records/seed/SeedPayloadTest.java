package org.mdms.records.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdms.records.examination.ExaminationDtos.ExaminationChange;
import org.mdms.records.patient.Patient;
import org.mdms.records.patient.PatientDtos.PatientChange;
import org.mdms.records.prescription.Prescription;
import org.mdms.records.prescription.PrescriptionDtos.ItemChange;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionChange;
import org.mdms.records.seed.SeedRows.Batch;
import org.mdms.records.seed.SeedRows.ExaminationRow;
import org.mdms.records.seed.SeedRows.PatientRow;
import org.mdms.records.seed.SeedRows.PrescriptionRow;
import org.mdms.records.seed.SeedRows.VisitRow;
import org.mdms.records.seed.SeedRows.VitalSignRow;
import org.mdms.records.visit.Visit;
import org.mdms.records.visit.VisitDtos.VisitChange;
import org.mdms.records.vitals.VitalSignDtos.VitalSignChange;
import org.mdms.records.vitals.VitalType;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed writes its change payloads by hand (for speed); they must be byte for byte what the application's
 * ObjectMapper makes of the feature packages' change records, i.e. what the API's own writes put in the feed.
 */
@QuarkusTest
class SeedPayloadTest {

    @Inject
    ObjectMapper json;

    @Test
    void handWrittenPayloadsEqualTheFeaturePackagesPayloads() throws Exception {
        SeedPlan plan = new SeedPlan(30, 3, 2, 3, 2, 4, 5, SeedPlan.SeedLocale.ZH_CN, 1095,
                Instant.parse("2026-11-21T05:00:00Z"));
        Batch batch = new FakeDataGenerator(plan, new FakeDataGenerator.IdBase(1, 1, 1, 1, 1, 1),
                SeedGeneratorTest.reference(plan), null).batch(0, 0, 30);
        for (PatientRow p : batch.patients()) {
            assertEquals(json.writeValueAsString(new PatientChange(p.id(), Patient.Gender.valueOf(p.gender()),
                    p.birthDate().getYear(), false)), PayloadJson.patient(p));
        }
        for (VisitRow v : batch.visits()) {
            assertEquals(json.writeValueAsString(new VisitChange(v.id(), v.patientId(), v.doctorId(), v.departmentId(),
                    Visit.Type.valueOf(v.type()), Visit.Status.valueOf(v.status()), v.startedAt(), v.endedAt(),
                    v.diagnosisCode())), PayloadJson.visit(v));
        }
        for (PrescriptionRow p : batch.prescriptions()) {
            var items = p.items().stream().map(i -> new ItemChange(i.id(), i.drugId(), i.quantity(), i.unitPrice(),
                    i.amount())).toList();
            assertEquals(json.writeValueAsString(new PrescriptionChange(p.id(), p.visitId(), p.patientId(),
                    p.doctorId(), p.departmentId(), Prescription.Status.valueOf(p.status()), p.issuedAt(),
                    p.dispensedAt(), p.cancelledAt(), p.totalAmount(), items)), PayloadJson.prescription(p));
        }
        for (ExaminationRow e : batch.examinations()) {
            assertEquals(json.writeValueAsString(new ExaminationChange(e.id(), e.visitId(), e.patientId(),
                    e.technicianId(), e.item(), e.abnormal(), e.performedAt())), PayloadJson.examination(e));
        }
        for (VitalSignRow s : batch.vitalSigns()) {
            assertEquals(json.writeValueAsString(new VitalSignChange(s.id(), s.patientId(), s.visitId(),
                    VitalType.valueOf(s.type()), s.value(), s.secondaryValue(), s.unit(), s.abnormal(),
                    s.measuredAt())), PayloadJson.vitalSign(s));
        }
    }
}
