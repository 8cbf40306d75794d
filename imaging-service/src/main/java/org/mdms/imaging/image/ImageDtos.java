package org.mdms.imaging.image;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.file.Path;
import java.time.Instant;

/** API records of the image feature; entities never leave the service. */
public final class ImageDtos {

    private ImageDtos() {
    }

    @Schema(description = "Metadata of a stored image")
    public record ImageView(
            @Schema(example = "42") Long id,
            @Schema(example = "7") Long patientId,
            Long visitId,
            Long technicianId,
            @Schema(example = "ECG", enumeration = {"PATIENT_PHOTO", "ID_DOCUMENT", "EXAM_REPORT", "DIAGNOSTIC_IMAGE",
                    "PRESCRIPTION", "LAB_SHEET", "ECG", "RECORD_PHOTO", "OTHER"}) String category,
            @Schema(example = "心电图") String categoryName,
            @Schema(example = "静息心电图 2026-11-21") String title,
            String description,
            @Schema(example = "心电图.jpg") String originalFilename,
            @Schema(example = "image/jpeg") String contentType,
            long sizeBytes,
            int width,
            int height,
            String sha256,
            @Schema(example = "PRIVATE", enumeration = {"PRIVATE", "PUBLIC"}) String visibility,
            String uploadedBy,
            Instant createdAt,
            Instant updatedAt,
            Instant deletedAt,
            String deletedBy,
            String deleteReason,
            Instant purgedAt,
            Boolean integrityOk,
            Instant integrityCheckedAt,
            int version,
            @Schema(description = "READY: thumbnail and preview exist; PENDING: still being rendered (async mode, "
                    + "the thumbnail/preview endpoints answer 409 with Retry-After); FAILED: the pixels could not "
                    + "be decoded, see thumbnailError", example = "READY", enumeration = {"PENDING", "READY", "FAILED"})
            String thumbnailStatus,
            String thumbnailError) {

        public static ImageView of(Image i) {
            return new ImageView(i.getId(), i.getPatientId(), i.getVisitId(), i.getTechnicianId(),
                    i.getCategory().name(), i.getCategory().nameZh(), i.getTitle(), i.getDescription(),
                    i.getOriginalFilename(), i.getContentType(), i.getSizeBytes(), i.getWidth(), i.getHeight(),
                    i.getSha256(), i.getVisibility().name(), i.getUploadedBy(), i.getCreatedAt(), i.getUpdatedAt(),
                    i.getDeletedAt(), i.getDeletedBy(), i.getDeleteReason(), i.getPurgedAt(), i.getIntegrityOk(),
                    i.getIntegrityCheckedAt(), i.getVersion(),
                    i.getThumbnailStatus() == null ? null : i.getThumbnailStatus().name(), i.getThumbnailError());
        }
    }

    /** A multipart upload as received: numbers and names still as text, checked by ImageUpload. */
    public record UploadCommand(Path file, String fileName, long size, String patientId, String visitId,
                                String technicianId, String category, String title, String description,
                                String visibility) {
    }

    @Schema(description = "Fields to change; absent fields stay as they are. version must match the stored one.")
    public record ImageUpdate(
            @Size(max = 32) @Schema(example = "EXAM_REPORT", enumeration = {"PATIENT_PHOTO", "ID_DOCUMENT",
                    "EXAM_REPORT", "DIAGNOSTIC_IMAGE", "PRESCRIPTION", "LAB_SHEET", "ECG", "RECORD_PHOTO", "OTHER"})
            String category,
            @Size(max = 200) @Schema(example = "胸部X光片") String title,
            @Size(max = 2000) String description,
            @Size(max = 16) @Schema(example = "PUBLIC", enumeration = {"PRIVATE", "PUBLIC"}) String visibility,
            @Schema(description = "version read with the image (optimistic locking)", example = "0") Integer version) {
    }

    public record PresignedUrl(String url, String variant, Instant expiresAt) {
    }

    public record CategoryView(String code, String nameZh, String nameEn) {
    }

    public record IntegrityResult(Long imageId, boolean ok, boolean objectPresent, String expectedSha256,
                                  String actualSha256, Instant checkedAt) {
    }
}
