package org.mdms.imaging.patient;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The signed-in user, as patient-service's token describes them. */
public record Caller(String username, Long userId, String role, Long patientId, Long staffId, String bearer) {

    public static final String ADMIN = "ADMIN";
    public static final String PATIENT = "PATIENT";

    public static Caller of(JsonWebToken jwt) {
        String role = jwt.getGroups() == null || jwt.getGroups().isEmpty() ? "NONE" : jwt.getGroups().iterator().next();
        return new Caller(jwt.getName(), asLong(jwt.getSubject()), role, asLong(jwt.getClaim("patient_id")),
                asLong(jwt.getClaim("staff_id")), "Bearer " + jwt.getRawToken());
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public boolean isPatient() {
        return PATIENT.equals(role);
    }

    /** Clinical staff: the roles that find patients in patient-service's search (not admins, analysts, patients). */
    public boolean isStaff() {
        return "DOCTOR".equals(role) || "NURSE".equals(role) || "PHARMACIST".equals(role) || "TECHNICIAN".equals(role);
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
