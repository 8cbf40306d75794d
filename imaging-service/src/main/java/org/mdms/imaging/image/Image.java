package org.mdms.imaging.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Metadata of one stored image; the bytes live in the bucket under {@link #objectKey} and the two derived keys. */
@Entity
@Table(name = "image")
public class Image {

    /** Taken from image_id_sequence before the objects are written (see ImageUpload#upload). */
    @Id
    private Long id;

    @Column(name = "patient_id", nullable = false)
    private Long patientId;

    @Column(name = "visit_id")
    private Long visitId;

    @Column(name = "technician_id")
    private Long technicianId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ImageCategory category;

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(name = "original_filename", nullable = false)
    private String originalFilename;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(nullable = false)
    private String format;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "object_key", nullable = false)
    private String objectKey;

    @Column(name = "thumbnail_key", nullable = false)
    private String thumbnailKey;

    @Column(name = "preview_key", nullable = false)
    private String previewKey;

    /** PENDING while the async thumbnailer has not written thumbnail and preview yet. */
    @Enumerated(EnumType.STRING)
    @Column(name = "thumbnail_status", nullable = false)
    private ThumbnailStatus thumbnailStatus;

    @Column(name = "thumbnail_error")
    private String thumbnailError;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Visibility visibility;

    @Column(name = "uploaded_by", nullable = false)
    private String uploadedBy;

    @Column(name = "uploaded_by_id")
    private Long uploadedById;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "deleted_by")
    private String deletedBy;

    @Column(name = "delete_reason")
    private String deleteReason;

    @Column(name = "purged_at")
    private Instant purgedAt;

    @Column(name = "integrity_checked_at")
    private Instant integrityCheckedAt;

    @Column(name = "integrity_ok")
    private Boolean integrityOk;

    @Version
    private int version;

    /** For Hibernate. */
    protected Image() {
    }

    /** A newly uploaded image, its objects already written under the three keys. */
    Image(long id, long patientId, Long visitId, Long technicianId, ImageCategory category, String title,
          String description, String originalFilename, String contentType, String format, long sizeBytes, int width,
          int height, String sha256, String objectKey, String previewKey, String thumbnailKey,
          ThumbnailStatus thumbnailStatus, Visibility visibility, String uploadedBy, Long uploadedById, Instant at) {
        this.id = id;
        this.patientId = patientId;
        this.visitId = visitId;
        this.technicianId = technicianId;
        this.category = category;
        this.title = title;
        this.description = description;
        this.originalFilename = originalFilename;
        this.contentType = contentType;
        this.format = format;
        this.sizeBytes = sizeBytes;
        this.width = width;
        this.height = height;
        this.sha256 = sha256;
        this.objectKey = objectKey;
        this.previewKey = previewKey;
        this.thumbnailKey = thumbnailKey;
        this.thumbnailStatus = thumbnailStatus;
        this.visibility = visibility;
        this.uploadedBy = uploadedBy;
        this.uploadedById = uploadedById;
        this.createdAt = at;
        this.updatedAt = at;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Soft delete: the image disappears from reads and searches until restored or purged. */
    public void softDelete(String by, String reason, Instant at) {
        deletedAt = at;
        deletedBy = by;
        deleteReason = reason;
        updatedAt = at;
    }

    public void restore(Instant at) {
        deletedAt = null;
        deletedBy = null;
        deleteReason = null;
        updatedAt = at;
    }

    /** A metadata change by a user; null leaves a field as it is. */
    public void change(ImageCategory newCategory, String newTitle, String newDescription, Visibility newVisibility,
                       Instant at) {
        if (newCategory != null) {
            category = newCategory;
        }
        if (newTitle != null) {
            title = newTitle;
        }
        if (newDescription != null) {
            description = newDescription.isBlank() ? null : newDescription;
        }
        if (newVisibility != null) {
            visibility = newVisibility;
        }
        updatedAt = at;
    }

    public Long getId() { return id; }
    public Long getPatientId() { return patientId; }
    public Long getVisitId() { return visitId; }
    public Long getTechnicianId() { return technicianId; }
    public ImageCategory getCategory() { return category; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public String getOriginalFilename() { return originalFilename; }
    public String getContentType() { return contentType; }
    public String getFormat() { return format; }
    public long getSizeBytes() { return sizeBytes; }
    public int getWidth() { return width; }
    public int getHeight() { return height; }
    public String getSha256() { return sha256; }
    public String getObjectKey() { return objectKey; }
    public String getThumbnailKey() { return thumbnailKey; }
    public String getPreviewKey() { return previewKey; }
    public ThumbnailStatus getThumbnailStatus() { return thumbnailStatus; }
    public String getThumbnailError() { return thumbnailError; }
    public Visibility getVisibility() { return visibility; }
    public String getUploadedBy() { return uploadedBy; }
    public Long getUploadedById() { return uploadedById; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getDeletedAt() { return deletedAt; }
    public String getDeletedBy() { return deletedBy; }
    public String getDeleteReason() { return deleteReason; }
    public Instant getPurgedAt() { return purgedAt; }
    public Instant getIntegrityCheckedAt() { return integrityCheckedAt; }
    public Boolean getIntegrityOk() { return integrityOk; }
    public int getVersion() { return version; }
}
