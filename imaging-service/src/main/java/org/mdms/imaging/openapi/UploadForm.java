package org.mdms.imaging.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The multipart form of POST /api/v1/images as the document declares it: each part with the type, set and limits
 * ImageService.validate enforces. Only a description; the resource reads the parts with @RestForm.
 */
@Schema(name = "ImageUploadForm", requiredProperties = {"file", "patientId", "category"})
public record UploadForm(
        @Schema(type = SchemaType.STRING, format = "binary",
                description = "The image (JPEG, PNG, GIF, BMP, TIFF or WebP, checked by decoding the bytes); its file "
                        + "name at most 255 characters") String file,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", example = "7",
                description = "The patient the image belongs to") long patientId,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", example = "301",
                description = "The visit it was taken in (must be the patient's)") Long visitId,
        @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", example = "12",
                description = "The technician who took it (a staff id of kind TECHNICIAN)") Long technicianId,
        @Schema(enumeration = {"PATIENT_PHOTO", "ID_DOCUMENT", "EXAM_REPORT", "DIAGNOSTIC_IMAGE", "PRESCRIPTION",
                "LAB_SHEET", "ECG", "RECORD_PHOTO", "OTHER"}, example = "ECG",
                description = "患者照片, 身份证件, 检查报告, 诊断图片, 处方单, 化验单, 心电图, 病历照片 or 其他")
        String category,
        @Schema(maxLength = 200, example = "静息心电图", description = "Defaults to the file name") String title,
        @Schema(maxLength = 2000, example = "门诊复查，窦性心律") String description,
        @Schema(enumeration = {"PRIVATE", "PUBLIC"}, defaultValue = "PRIVATE",
                description = "PRIVATE: the patient, their treating staff and admins only") String visibility) {
}
