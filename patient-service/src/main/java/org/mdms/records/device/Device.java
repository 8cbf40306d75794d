package org.mdms.records.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.mdms.records.common.RecordEntity;

import java.time.Instant;

/** A bedside device (monitor, pulse oximeter, thermometer ...) that sends readings with its own credential. */
@Entity
@Table(name = "device")
public class Device extends RecordEntity {

    @Column(name = "serial_number")
    private String serialNumber;
    private String type;
    private String manufacturer;
    private String model;
    private String firmware;
    @Enumerated(EnumType.STRING)
    private DeviceStatus status;
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    @Column(name = "credential_hash")
    private String credentialHash;
    @Column(name = "credential_issued_at")
    private Instant credentialIssuedAt;

    public String getSerialNumber() { return serialNumber; }
    public void setSerialNumber(String serialNumber) { this.serialNumber = serialNumber; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getManufacturer() { return manufacturer; }
    public void setManufacturer(String manufacturer) { this.manufacturer = manufacturer; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getFirmware() { return firmware; }
    public void setFirmware(String firmware) { this.firmware = firmware; }
    public DeviceStatus getStatus() { return status; }
    public void setStatus(DeviceStatus status) { this.status = status; }
    public Instant getLastSeenAt() { return lastSeenAt; }
    public String getCredentialHash() { return credentialHash; }
    public Instant getCredentialIssuedAt() { return credentialIssuedAt; }

    public void replaceCredential(String hash, Instant issuedAt) {
        this.credentialHash = hash;
        this.credentialIssuedAt = issuedAt;
    }
}
