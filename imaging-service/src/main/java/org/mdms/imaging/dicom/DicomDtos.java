package org.mdms.imaging.dicom;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** API records of the DICOM feature (rows never leave the service). */
public final class DicomDtos {

    private DicomDtos() {
    }

    @Schema(description = "A study: the DICOM StudyInstanceUID of one patient, with what its series hold")
    public record StudyView(
            @Schema(example = "1.2.826.0.1.3680043.8.498.1") String studyInstanceUid,
            @Schema(example = "7") long patientId,
            @Schema(example = "2026-11-15") LocalDate studyDate,
            @Schema(example = "101500") String studyTime,
            @Schema(example = "A20261115001") String accessionNumber,
            @Schema(example = "胸部CT平扫") String description,
            @Schema(description = "Modalities of its series", example = "[\"CT\"]") List<String> modalities,
            @Schema(example = "1") long seriesCount,
            @Schema(example = "120") long instanceCount) {
    }

    @Schema(description = "A series of a study")
    public record SeriesView(
            @Schema(example = "1.2.826.0.1.3680043.8.498.1") String studyInstanceUid,
            @Schema(example = "1.2.826.0.1.3680043.8.498.1.1") String seriesInstanceUid,
            @Schema(example = "CT") String modality,
            @Schema(example = "2") Integer seriesNumber,
            @Schema(example = "CHEST") String bodyPartExamined,
            @Schema(example = "胸部 5mm") String description,
            @Schema(example = "120") long instanceCount) {
    }

    @Schema(description = "One stored DICOM instance (a Part 10 file)")
    public record InstanceView(
            @Schema(example = "1.2.826.0.1.3680043.8.498.1") String studyInstanceUid,
            @Schema(example = "1.2.826.0.1.3680043.8.498.1.1") String seriesInstanceUid,
            @Schema(example = "1.2.826.0.1.3680043.8.498.1.1.1") String sopInstanceUid,
            @Schema(example = "1.2.840.10008.5.1.4.1.1.2") String sopClassUid,
            @Schema(example = "7") long patientId,
            @Schema(example = "1") Integer instanceNumber,
            @Schema(example = "1.2.840.10008.1.2.1") String transferSyntaxUid,
            @Schema(example = "512") Integer rows,
            @Schema(example = "512") Integer columns,
            @Schema(example = "1") int frames,
            @Schema(example = "524800") long sizeBytes,
            @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @Schema(description = "PENDING: being rendered after the upload; READY; FAILED (thumbnailNote says why); "
                    + "NONE: this transfer syntax or pixel format is stored but not rendered (thumbnailNote says which)",
                    example = "READY", enumeration = {"PENDING", "READY", "FAILED", "NONE"}) String thumbnailStatus,
            @Schema(example = "transfer syntax 1.2.840.10008.1.2.4.90 (compressed) is stored but not rendered")
            String thumbnailNote,
            @Schema(description = "PatientName as the file gives it", example = "张^伟") String patientName,
            @Schema(description = "How the file's PatientName/PatientBirthDate differ from patient-service's record "
                    + "of the patient its PatientID (MRN) names; null when they agree or cannot be compared",
                    example = "PatientName (0010,0010) 'LI^NA' differs from the record's name '张伟'")
            String identityNote,
            @Schema(example = "technician") String uploadedBy,
            @Schema(example = "2026-11-15T10:20:00Z") Instant createdAt,
            @Schema(description = "Set while soft-deleted (only admins see it then, in the restore answer)")
            Instant deletedAt,
            String deletedBy,
            String deleteReason,
            @Schema(description = "When the purge job removed the file after the retention period") Instant purgedAt,
            @Schema(description = "Outcome of the last integrity check (re-hash); null before the first")
            Boolean integrityOk) {
    }

    @Schema(description = "What a STOW-RS request did with each of its parts, in order")
    public record StowResult(
            @Schema(example = "3") int stored,
            @Schema(example = "1") int existing,
            @Schema(example = "1") int refused,
            List<StowInstance> instances) {
    }

    @Schema(description = "One part of a STOW-RS request: STORED (new), EXISTING (the same bytes were stored "
            + "before) or REFUSED (status and reason say why; nothing of it is stored)")
    public record StowInstance(
            @Schema(example = "1") int part,
            @Schema(example = "STORED", enumeration = {"STORED", "EXISTING", "REFUSED"}) String outcome,
            @Schema(description = "SOPInstanceUID, when the part could be read that far",
                    example = "1.2.826.0.1.3680043.8.498.1.1.1") String sopInstanceUid,
            @Schema(description = "The HTTP status this part alone would have had", example = "201") int status,
            @Schema(description = "REFUSED: the attribute or field at fault", example = "PatientID") String field,
            @Schema(description = "REFUSED: why", example = "PatientID (0010,0020) 'X' is not the MRN of any patient")
            String reason,
            @Schema(description = "STORED/EXISTING: the instance") InstanceView instance) {
    }
}
