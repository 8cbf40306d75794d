package org.mdms.records.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

@Entity
@Table(name = "staff")
public class Staff extends RecordEntity {

    public enum Kind { DOCTOR, NURSE, PHARMACIST, TECHNICIAN }

    @Column(name = "user_id")
    private Long userId;
    @Column(name = "department_id")
    private Long departmentId;
    @Column(name = "staff_no")
    private String staffNo;
    private String name;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String title;
    private String phone;
    private String email;
    private boolean active = true;

    public Long getUserId() { return userId; }
    public void setUserId(Long userId) { this.userId = userId; }
    public Long getDepartmentId() { return departmentId; }
    public void setDepartmentId(Long departmentId) { this.departmentId = departmentId; }
    public String getStaffNo() { return staffNo; }
    public void setStaffNo(String staffNo) { this.staffNo = staffNo; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Kind getKind() { return kind; }
    public void setKind(Kind kind) { this.kind = kind; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
