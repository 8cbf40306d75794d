package org.mdms.imaging.image;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
public class Image extends PanacheEntityBase {

    /** Taken from image_id_sequence before the objects are written (see ImageService#upload). */
    @Id
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public Long patientId;

    @Column(name = "visit_id")
    public Long visitId;

    @Column(name = "technician_id")
    public Long technicianId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ImageCategory category;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "original_filename", nullable = false)
    public String originalFilename;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public String format;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "thumbnail_key", nullable = false)
    public String thumbnailKey;

    @Column(name = "preview_key", nullable = false)
    public String previewKey;

    /** PENDING while the async thumbnailer has not written thumbnail and preview yet. */
    @Enumerated(EnumType.STRING)
    @Column(name = "thumbnail_status", nullable = false)
    public ThumbnailStatus thumbnailStatus;

    @Column(name = "thumbnail_error")
    public String thumbnailError;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Visibility visibility;

    @Column(name = "uploaded_by", nullable = false)
    public String uploadedBy;

    @Column(name = "uploaded_by_id")
    public Long uploadedById;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "deleted_by")
    public String deletedBy;

    @Column(name = "delete_reason")
    public String deleteReason;

    @Column(name = "purged_at")
    public Instant purgedAt;

    @Column(name = "integrity_checked_at")
    public Instant integrityCheckedAt;

    @Column(name = "integrity_ok")
    public Boolean integrityOk;

    @Version
    public int version;

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
