package org.mdms.records.auth;

import org.mdms.common.DomainException;

/** Who is calling, copied out of the token so it can travel into reactive callbacks and services. */
public record Caller(Long userId, String username, Role role, Long patientId, Long staffId) {

    public static final Caller SYSTEM = new Caller(null, "system", Role.ADMIN, null, null);

    public boolean is(Role expected) {
        return role == expected;
    }

    /** A patient may only touch their own record; other roles were already checked by @RolesAllowed. */
    public void checkMayAccessPatient(long patient) {
        if (role == Role.PATIENT && (patientId == null || patientId != patient)) {
            throw DomainException.forbidden("patients may only access their own records");
        }
    }
}
