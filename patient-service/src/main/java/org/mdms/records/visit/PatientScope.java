package org.mdms.records.visit;

import org.mdms.records.auth.Caller;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;

/** Which patient a list is about: patients are always pinned to themselves, staff choose. */
public final class PatientScope {

    private PatientScope() {
    }

    /**
     * For a PATIENT caller: their own id (asking for another patient is a 403; an account linked to no patient
     * record sees nothing, also a 403, rather than an unfiltered list). For staff: the requested id, unchanged.
     */
    public static Long restrict(Caller caller, Long requestedPatientId) {
        if (!caller.is(Role.PATIENT)) {
            return requestedPatientId;
        }
        if (caller.patientId() == null) {
            throw DomainException.forbidden("this account is not linked to a patient record");
        }
        if (requestedPatientId != null) {
            caller.checkMayAccessPatient(requestedPatientId);
        }
        return caller.patientId();
    }
}
