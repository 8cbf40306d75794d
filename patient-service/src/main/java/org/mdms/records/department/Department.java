package org.mdms.records.department;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

@Entity
@Table(name = "department")
public class Department extends RecordEntity {

    @Column(name = "hospital_id")
    private Long hospitalId;
    private String code;
    private String name;
    private String description;

    public Long getHospitalId() { return hospitalId; }
    public void setHospitalId(Long hospitalId) { this.hospitalId = hospitalId; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
}
