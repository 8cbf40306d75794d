package org.mdms.records.patient;

import jakarta.persistence.Column;
import jakarta.persistence.ColumnResult;
import jakarta.persistence.EntityResult;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.SqlResultSetMapping;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "patient")
@SqlResultSetMapping(name = Patient.WITH_CARE_ANSWER, entities = @EntityResult(entityClass = Patient.class),
        columns = @ColumnResult(name = "care_answer", type = String.class))
public class Patient extends RecordEntity {

    /** A patient row and the caller's care answer (see PatientRepository#findWithCareAnswer). */
    static final String WITH_CARE_ANSWER = "PatientWithCareAnswer";

    public enum Gender { MALE, FEMALE, OTHER, UNKNOWN }

    @Column(name = "user_id")
    private Long userId;
    private String mrn;
    private String name;
    @Enumerated(EnumType.STRING)
    private Gender gender;
    @Column(name = "birth_date")
    private LocalDate birthDate;
    @Column(name = "id_number")
    private String idNumber;
    private String phone;
    private String email;
    private String address;
    @Column(name = "blood_type")
    private String bloodType;
    private String allergies;
    @Column(name = "emergency_contact_name")
    private String emergencyContactName;
    @Column(name = "emergency_contact_phone")
    private String emergencyContactPhone;
    @Column(name = "deleted_at")
    private Instant deletedAt;
    @Column(name = "deleted_by")
    private String deletedBy;
    @Column(name = "delete_reason")
    private String deleteReason;

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public void softDelete(String by, String reason) {
        deletedAt = Instant.now();
        deletedBy = by;
        deleteReason = reason;
    }

    public void restore() {
        deletedAt = null;
        deletedBy = null;
        deleteReason = null;
    }

    public Long getUserId() { return userId; }
    public void setUserId(Long userId) { this.userId = userId; }
    public String getMrn() { return mrn; }
    public void setMrn(String mrn) { this.mrn = mrn; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Gender getGender() { return gender; }
    public void setGender(Gender gender) { this.gender = gender; }
    public LocalDate getBirthDate() { return birthDate; }
    public void setBirthDate(LocalDate birthDate) { this.birthDate = birthDate; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getBloodType() { return bloodType; }
    public void setBloodType(String bloodType) { this.bloodType = bloodType; }
    public String getAllergies() { return allergies; }
    public void setAllergies(String allergies) { this.allergies = allergies; }
    public String getEmergencyContactName() { return emergencyContactName; }
    public void setEmergencyContactName(String emergencyContactName) { this.emergencyContactName = emergencyContactName; }
    public String getEmergencyContactPhone() { return emergencyContactPhone; }
    public void setEmergencyContactPhone(String emergencyContactPhone) { this.emergencyContactPhone = emergencyContactPhone; }
    public Instant getDeletedAt() { return deletedAt; }
    public String getDeletedBy() { return deletedBy; }
    public String getDeleteReason() { return deleteReason; }
}
