package org.mdms.imaging.patient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The parts of patient-service's answers this service reads (everything else is ignored). */
public final class PatientRefs {

    private PatientRefs() {
    }

    /** birthDate: only in the full view (admins); staff's search results carry none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientRef(Long id, String mrn, String name, java.time.LocalDate birthDate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VisitRef(Long id, Long patientId, Long doctorId, Long departmentId) {
    }

    /** A visit as the upload form offers it: when it started, its type and status. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VisitChoice(Long id, String type, String status, java.time.Instant startedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VisitPage(List<VisitChoice> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StaffRef(Long id, Long departmentId, String kind, String name) {
    }

    /**
     * relation: patient-service's care relationship (SELF, TREATING, EMERGENCY for break-the-glass, DISPENSING,
     * ADMIN, STAFF or NONE); deleted: the patient record is soft-deleted.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientAccess(Long patientId, String relation, boolean deleted) {
        public boolean mayReadPrivate() {
            return "SELF".equals(relation) || treats() || "ADMIN".equals(relation);
        }

        /** The care relationship, or a break-the-glass grant that has not expired. */
        public boolean treats() {
            return "TREATING".equals(relation) || "EMERGENCY".equals(relation);
        }
    }

    public record LoginRequest(String username, String password) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoginResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    /** patient-service's revocation list: tokens of a listed user below tokenVersion, and ended sessions (sid). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RevocationList(List<RevokedUser> users, List<String> sessions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RevokedUser(long id, int tokenVersion) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PatientPage(List<PatientRef> items, long totalItems, int totalPages) {
    }
}
