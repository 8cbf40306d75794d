package org.mdms.records.care;

/**
 * How a caller relates to one patient. The care relationship (TREATING) is defined once, in
 * {@link CareRelationship}; every clinical read in every service asks for it.
 */
public enum Relation {
    /** the patient themself */
    SELF,
    /** doctor of a visit of the patient, staff of the department of an open visit, technician of an examination */
    TREATING,
    /** an unexpired break-the-glass grant: treats the patient until it expires */
    EMERGENCY,
    /** a pharmacist with a prescription of the patient to dispense (ISSUED) or dispensed by them */
    DISPENSING,
    ADMIN,
    /** staff without a care relationship: finds the patient in searches, reads nothing clinical */
    STAFF,
    NONE;

    /** Visits, examinations, vital signs, private images and the patient's full record. */
    public boolean readsClinical() {
        return this == SELF || this == TREATING || this == EMERGENCY || this == ADMIN;
    }

    /** Prescriptions and the fields dispensing needs. */
    public boolean readsPrescriptions() {
        return readsClinical() || this == DISPENSING;
    }

    /** Adding clinical data (examinations, prescriptions, vital signs, images). */
    public boolean writesClinical() {
        return this == TREATING || this == EMERGENCY || this == ADMIN;
    }
}
