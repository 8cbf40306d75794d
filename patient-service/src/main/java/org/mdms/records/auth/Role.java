package org.mdms.records.auth;

/** Everyone who signs in has exactly one role. Names are used as JWT groups and in @RolesAllowed. */
public enum Role {
    ADMIN, DOCTOR, NURSE, PHARMACIST, TECHNICIAN, ANALYST, PATIENT;

    public static final String ADMIN_ = "ADMIN";
    public static final String DOCTOR_ = "DOCTOR";
    public static final String NURSE_ = "NURSE";
    public static final String PHARMACIST_ = "PHARMACIST";
    public static final String TECHNICIAN_ = "TECHNICIAN";
    public static final String ANALYST_ = "ANALYST";
    public static final String PATIENT_ = "PATIENT";

    public boolean isStaff() {
        return this == DOCTOR || this == NURSE || this == PHARMACIST || this == TECHNICIAN;
    }
}
