package org.mdms.records.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mdms.records.department.DepartmentDtos.DepartmentChange;
import org.mdms.records.drug.DrugDtos.DrugChange;
import org.mdms.records.examination.ExaminationDtos.ExaminationChange;
import org.mdms.records.patient.PatientDtos.PatientChange;
import org.mdms.records.prescription.PrescriptionDtos.PrescriptionChange;
import org.mdms.records.staff.StaffDtos.StaffChange;
import org.mdms.records.visit.VisitDtos.VisitChange;
import org.mdms.records.vitals.VitalSignDtos.VitalSignBatchChange;
import org.mdms.records.vitals.VitalSignDtos.VitalSignChange;

import java.time.Instant;

/**
 * The change feed's events as the document declares them: one schema per entity type, each with the payload record
 * its writer appends (ChangeFeed.append), chosen by entityType. The feed stores and serves the payload as JSON
 * text; these records only describe it (ChangeFeedSchemaTest checks real events against them).
 */
public final class ChangeEventSchemas {

    private ChangeEventSchemas() {
    }

    private static final String SEQ = "Position in the feed; pass the last one seen as `after`";
    private static final String OPERATION = "UPSERT: the payload is the entity's current state; DELETE: it was "
            + "(soft-)deleted, the payload is its last state";

    @Schema(name = "DepartmentChangeEvent", description = "A department was created or changed")
    public record DepartmentChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "DEPARTMENT") String entityType,
            @Schema(required = true, example = "3") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) DepartmentChange payload) {
    }

    @Schema(name = "StaffChangeEvent", description = "A staff member was hired or changed")
    public record StaffChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "STAFF") String entityType,
            @Schema(required = true, example = "12") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) StaffChange payload) {
    }

    @Schema(name = "PatientChangeEvent", description = "A patient was registered, changed or deleted")
    public record PatientChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "PATIENT") String entityType,
            @Schema(required = true, example = "7") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) PatientChange payload) {
    }

    @Schema(name = "DrugChangeEvent", description = "A drug was added to the catalogue or changed")
    public record DrugChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "DRUG") String entityType,
            @Schema(required = true, example = "21") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) DrugChange payload) {
    }

    @Schema(name = "VisitChangeEvent", description = "A visit was opened, changed or closed")
    public record VisitChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "VISIT") String entityType,
            @Schema(required = true, example = "301") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) VisitChange payload) {
    }

    @Schema(name = "PrescriptionChangeEvent", description = "A prescription was issued, dispensed or cancelled")
    public record PrescriptionChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "PRESCRIPTION") String entityType,
            @Schema(required = true, example = "88") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) PrescriptionChange payload) {
    }

    @Schema(name = "ExaminationChangeEvent", description = "An examination was recorded")
    public record ExaminationChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "EXAMINATION") String entityType,
            @Schema(required = true, example = "55") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) ExaminationChange payload) {
    }

    @Schema(name = "VitalSignChangeEvent", description = "A vital sign was recorded")
    public record VitalSignChangeEvent(
            @Schema(required = true, description = SEQ, example = "1042") long seq,
            @Schema(required = true, enumeration = "VITAL_SIGN") String entityType,
            @Schema(required = true, example = "4096") long entityId,
            @Schema(required = true, enumeration = {"UPSERT", "DELETE"}, description = OPERATION) String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) VitalSignChange payload) {
    }

    @Schema(name = "VitalSignBatchChangeEvent", description = "Readings stored by devices (batch upload or stream): "
            + "one event for up to mdms.devices.ingest.readings-per-event (default 500) readings of one write, in "
            + "the order they were stored; entityId is the id of the first. Apply each element of payload.vitalSigns "
            + "as a VITAL_SIGN event of its id would be, in order; as for any entity, a later event of the same "
            + "vital sign supersedes it. Typed-in vital signs are VITAL_SIGN events", example = """
            {"seq": 1043, "entityType": "VITAL_SIGN_BATCH", "entityId": 4097, "operation": "UPSERT",
             "occurredAt": "2026-11-21T02:00:01.250Z",
             "payload": {"vitalSigns": [
               {"id": 4097, "patientId": 7, "visitId": null, "type": "HEART_RATE", "value": 72, "secondaryValue": null,
                "unit": "/min", "abnormal": false, "measuredAt": "2026-11-21T02:00:00Z"},
               {"id": 4098, "patientId": 7, "visitId": null, "type": "BLOOD_PRESSURE", "value": 128,
                "secondaryValue": 82, "unit": "mmHg", "abnormal": false, "measuredAt": "2026-11-21T02:00:00Z"}]}}""")
    public record VitalSignBatchChangeEvent(
            @Schema(required = true, description = SEQ, example = "1043") long seq,
            @Schema(required = true, enumeration = "VITAL_SIGN_BATCH") String entityType,
            @Schema(required = true, description = "the id of the batch's first vital sign", example = "4097")
            long entityId,
            @Schema(required = true, enumeration = "UPSERT", description = "always UPSERT: the readings were stored")
            String operation,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) VitalSignBatchChange payload) {
    }
}
