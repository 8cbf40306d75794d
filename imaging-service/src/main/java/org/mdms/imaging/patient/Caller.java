package org.mdms.imaging.patient;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user, as patient-service's token describes them; {@code role} is null for a token without one. */
public record Caller(String username, Long userId, Role role, Long patientId, Long staffId, String bearer) {

    public static Caller of(JsonWebToken jwt) {
        Role role = jwt.getGroups() == null || jwt.getGroups().isEmpty() ? null
                : Role.of(jwt.getGroups().iterator().next()).orElse(null);
        return new Caller(jwt.getName(), asLong(jwt.getSubject()), role, asLong(jwt.getClaim("patient_id")),
                asLong(jwt.getClaim("staff_id")), "Bearer " + jwt.getRawToken());
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    /** The role as written in answers and the audit trail ("NONE" when the token carries none). */
    public String roleName() {
        return role == null ? "NONE" : role.name();
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean isPatient() {
        return role == Role.PATIENT;
    }

    /** Clinical staff: the roles that find patients in patient-service's search (not admins, analysts, patients). */
    public boolean isStaff() {
        return role != null && role.isStaff();
    }

    /** Admins, patients (their own) and clinical staff read patients' images; analysts and unknown roles none. */
    public boolean readsPatientImages() {
        return isAdmin() || isPatient() || isStaff();
    }

    public boolean isPatientSelf(long id) {
        return isPatient() && patientId != null && patientId == id;
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = value.toString().replace("\"", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
