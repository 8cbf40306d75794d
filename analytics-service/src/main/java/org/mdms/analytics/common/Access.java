package org.mdms.analytics.common;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;
import org.mdms.common.DomainException;

/**
 * Whose numbers the caller may see: ANALYST and ADMIN see everything; a DOCTOR only their own prescriptions,
 * identified by the staff_id claim of the token patient-service issued.
 */
public record Access(boolean everything, Long doctorId) {

    public static Access of(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        if (groups.contains("ADMIN") || groups.contains("ANALYST")) {
            return new Access(true, null);
        }
        if (groups.contains("DOCTOR")) {
            Object staff = jwt.getClaim("staff_id");
            if (staff == null) {
                throw DomainException.forbidden("the token has no staff_id claim");
            }
            return new Access(false, Long.parseLong(staff.toString()));
        }
        throw DomainException.forbidden("analytics is for analysts, admins and doctors (their own numbers)");
    }

    /** Fails unless the caller may see everything (department-wide, patient or hospital-wide figures). */
    public void requireEverything() {
        if (!everything) {
            throw DomainException.forbidden("doctors may see only their own prescribing figures");
        }
    }

    /** Fails unless the caller may see this doctor's figures. */
    public void requireDoctor(long doctor) {
        if (!everything && doctorId != doctor) {
            throw DomainException.forbidden("a doctor may see only their own figures (staff " + doctorId + ")");
        }
    }
}
