package org.mdms.records.drug;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.math.BigDecimal;

/** One entry of the drug catalogue; prescriptions take their unit price from here. */
@Entity
@Table(name = "drug")
public class Drug extends RecordEntity {

    private String code;
    private String name;
    @Column(name = "generic_name")
    private String genericName;
    private String category;
    @Column(name = "dosage_form")
    private String dosageForm;
    private String strength;
    private String unit;
    private BigDecimal price;
    private String manufacturer;
    private boolean active = true;

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getGenericName() { return genericName; }
    public void setGenericName(String genericName) { this.genericName = genericName; }
    public String getCategory() { return category; }
    public void setCategory(String category) { this.category = category; }
    public String getDosageForm() { return dosageForm; }
    public void setDosageForm(String dosageForm) { this.dosageForm = dosageForm; }
    public String getStrength() { return strength; }
    public void setStrength(String strength) { this.strength = strength; }
    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }
    public BigDecimal getPrice() { return price; }
    public void setPrice(BigDecimal price) { this.price = price; }
    public String getManufacturer() { return manufacturer; }
    public void setManufacturer(String manufacturer) { this.manufacturer = manufacturer; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
}
