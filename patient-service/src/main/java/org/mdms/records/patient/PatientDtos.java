package org.mdms.records.patient;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;

public final class PatientDtos {

    private PatientDtos() {
    }

    @Schema(name = "PatientRequest")
    public record PatientRequest(
            @Positive @Schema(description = "the patient's sign-in account (role PATIENT), optional", example = "7")
            Long userId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]+", message = "letters, digits and '-' only")
            @Schema(description = "medical record number, unique", example = "MRN-2026-000001") String mrn,
            @NotBlank @Size(max = 100) @Schema(example = "张伟") String name,
            @NotNull @Schema(example = "MALE") Patient.Gender gender,
            @NotNull @Past @Schema(example = "1980-05-17") LocalDate birthDate,
            @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z-]*", message = "letters, digits and '-' only")
            @Schema(description = "national ID number", example = "110101198005170031") String idNumber,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*", message = "digits, '+', '-' and spaces only")
            @Schema(example = "13800138000") String phone,
            @Size(max = 200) @Email @Schema(example = "zhangwei@example.cn") String email,
            @Size(max = 500) @Schema(example = "北京市朝阳区建国路88号") String address,
            @Pattern(regexp = "A\\+|A-|B\\+|B-|AB\\+|AB-|O\\+|O-|UNKNOWN", message = "one of A+, A-, B+, B-, AB+, "
                    + "AB-, O+, O-, UNKNOWN") @Schema(example = "A+") String bloodType,
            @Size(max = 1000) @Schema(example = "青霉素过敏") String allergies,
            @Size(max = 100) @Schema(example = "李娜") String emergencyContactName,
            @Size(max = 32) @Pattern(regexp = "[0-9+\\- ]*") @Schema(example = "13900139000")
            String emergencyContactPhone) {
    }

    /**
     * How much of the record a view carries. FULL: everything (admins, the patient, the treating doctor or nurse).
     * CLINICAL: no contact details, ID number masked (a treating technician). DISPENSING: what a pharmacist needs
     * to dispense (name, MRN, gender, age, blood type, allergies). LISTING: what a search needs to find the patient
     * (name, MRN, gender, age, ID number masked).
     */
    public enum Detail { FULL, CLINICAL, DISPENSING, LISTING }

    @Schema(name = "Patient", description = "Fields the caller may not see are null; `detail` says which view "
            + "this is.")
    public record PatientView(long id, Long userId, String mrn, String name, Patient.Gender gender,
                              LocalDate birthDate, Integer age, String idNumber, String phone, String email,
                              String address, String bloodType, String allergies, String emergencyContactName,
                              String emergencyContactPhone, boolean deleted, Instant deletedAt, String deletedBy,
                              String deleteReason, Instant createdAt, Instant updatedAt, int version, Detail detail) {
        public static PatientView of(Patient p) {
            return of(p, Detail.FULL);
        }

        public static PatientView of(Patient p, Detail detail) {
            boolean full = detail == Detail.FULL;
            boolean clinical = full || detail == Detail.CLINICAL;
            boolean dispensing = clinical || detail == Detail.DISPENSING;
            String idNumber = full ? p.getIdNumber() : detail == Detail.DISPENSING ? null : mask(p.getIdNumber());
            return new PatientView(p.getId(), full ? p.getUserId() : null, p.getMrn(), p.getName(), p.getGender(),
                    clinical ? p.getBirthDate() : null, age(p.getBirthDate()), idNumber,
                    full ? p.getPhone() : null, full ? p.getEmail() : null, full ? p.getAddress() : null,
                    dispensing ? p.getBloodType() : null, dispensing ? p.getAllergies() : null,
                    full ? p.getEmergencyContactName() : null, full ? p.getEmergencyContactPhone() : null,
                    p.isDeleted(), full ? p.getDeletedAt() : null, full ? p.getDeletedBy() : null,
                    full ? p.getDeleteReason() : null, p.getCreatedAt(), p.getUpdatedAt(), p.getVersion(), detail);
        }

        /** An ID number with all but its first and last four characters hidden: 1101**********0031. */
        static String mask(String idNumber) {
            if (idNumber == null || idNumber.isEmpty()) {
                return idNumber;
            }
            if (idNumber.length() <= 8) {
                return "*".repeat(idNumber.length());
            }
            return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8)
                    + idNumber.substring(idNumber.length() - 4);
        }

        private static Integer age(LocalDate birthDate) {
            return birthDate == null ? null : java.time.Period.between(birthDate, LocalDate.now()).getYears();
        }
    }

    /**
     * The patient as analytics sees it: gender and birth year only (the warehouse derives an age band from the year).
     * No MRN, name, exact birth date or contact detail leaves the records service through the feed.
     */
    @RegisterForReflection // written by ObjectMapper into the change feed, which the native build cannot see
    @Schema(name = "PatientChange", requiredProperties = {"id", "gender", "birthYear", "deleted"})
    public record PatientChange(long id, Patient.Gender gender, @Schema(nullable = true, example = "1980") Integer birthYear,
                                boolean deleted) {
        public static PatientChange of(Patient p) {
            return new PatientChange(p.getId(), p.getGender(),
                    p.getBirthDate() == null ? null : p.getBirthDate().getYear(), p.isDeleted());
        }
    }

    @Schema(name = "PatientAccess", description = "How the caller relates to the patient; deleted: the record is "
            + "soft-deleted (other services refuse new data for it)")
    public record PatientAccess(long patientId, org.mdms.records.care.Relation relation, boolean deleted) {
    }
}
