package org.mdms.imaging.image;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The nine image categories (rows of image_category, names as the hospital uses them). */
public enum ImageCategory {
    PATIENT_PHOTO("患者照片", "Patient photo"),
    ID_DOCUMENT("身份证件", "ID document"),
    EXAM_REPORT("检查报告", "Examination report"),
    DIAGNOSTIC_IMAGE("诊断图片", "Diagnostic image"),
    PRESCRIPTION("处方单", "Prescription"),
    LAB_SHEET("化验单", "Lab sheet"),
    ECG("心电图", "ECG"),
    RECORD_PHOTO("病历照片", "Medical record photo"),
    OTHER("其他", "Other");

    private final String nameZh;
    private final String nameEn;

    ImageCategory(String nameZh, String nameEn) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The message for a value that is no category, worded as in the other services' enumerations. */
    public static String notACategory(String value) {
        return "must be one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + ", got '" + value + "'";
    }

    public static Optional<ImageCategory> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(code.trim())).findFirst();
    }
}
