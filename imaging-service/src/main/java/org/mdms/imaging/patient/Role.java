package org.mdms.imaging.patient;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles patient-service signs into its tokens (the JWT groups), one per user. The string constants are for
 * annotations such as {@code @RolesAllowed}, which cannot take an enum.
 */
public enum Role {
    ADMIN, DOCTOR, NURSE, PHARMACIST, TECHNICIAN, ANALYST, PATIENT;

    public static final String ADMIN_ = "ADMIN";
    public static final String DOCTOR_ = "DOCTOR";
    public static final String NURSE_ = "NURSE";
    public static final String PHARMACIST_ = "PHARMACIST";
    public static final String TECHNICIAN_ = "TECHNICIAN";
    public static final String PATIENT_ = "PATIENT";

    /** Clinical staff: the roles that find patients in patient-service's search (not admins, analysts, patients). */
    public boolean isStaff() {
        return this == DOCTOR || this == NURSE || this == PHARMACIST || this == TECHNICIAN;
    }

    /** The role a token's group names; empty for a group this service does not know. */
    public static Optional<Role> of(String group) {
        return Arrays.stream(values()).filter(r -> r.name().equals(group)).findFirst();
    }
}
