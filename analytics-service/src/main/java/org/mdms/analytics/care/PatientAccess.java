package org.mdms.analytics.care;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Set;

/**
 * patient-service's answer to "how does the caller relate to this patient": relation is SELF, TREATING, EMERGENCY
 * (an unexpired break-the-glass grant), DISPENSING, ADMIN, STAFF (no relationship) or NONE; deleted: the record is
 * soft-deleted (it then exists for admins only).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatientAccess(long patientId, String relation, boolean deleted) {

    /**
     * The relations that may read one patient's vital signs in analytics: admins, and staff who treat the patient or
     * hold a break-the-glass grant. DISPENSING (a pharmacist's view has no vital signs), STAFF and NONE may not, and
     * neither may SELF: analytics answers staff, a patient reads their own vital signs in patient-service.
     */
    static final Set<String> READS_VITAL_SIGNS = Set.of("ADMIN", "TREATING", "EMERGENCY");

    public boolean readsVitalSigns() {
        return READS_VITAL_SIGNS.contains(relation);
    }

    /** A soft-deleted patient exists for admins only (as in patient-service). */
    public boolean existsForCaller() {
        return !deleted || "ADMIN".equals(relation);
    }
}
