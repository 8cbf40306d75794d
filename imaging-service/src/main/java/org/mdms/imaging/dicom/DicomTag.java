package org.mdms.imaging.dicom;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The attributes MDMS reads from a DICOM file (issue 16's list plus what a thumbnail needs), with their value
 * representation: the reader keeps these and skips every other element.
 */
public enum DicomTag {
    SPECIFIC_CHARACTER_SET(0x00080005, "SpecificCharacterSet", "CS"),
    SOP_CLASS_UID(0x00080016, "SOPClassUID", "UI"),
    SOP_INSTANCE_UID(0x00080018, "SOPInstanceUID", "UI"),
    STUDY_DATE(0x00080020, "StudyDate", "DA"),
    STUDY_TIME(0x00080030, "StudyTime", "TM"),
    ACCESSION_NUMBER(0x00080050, "AccessionNumber", "SH"),
    MODALITY(0x00080060, "Modality", "CS"),
    STUDY_DESCRIPTION(0x00081030, "StudyDescription", "LO"),
    SERIES_DESCRIPTION(0x0008103E, "SeriesDescription", "LO"),
    PATIENT_NAME(0x00100010, "PatientName", "PN"),
    PATIENT_ID(0x00100020, "PatientID", "LO"),
    PATIENT_BIRTH_DATE(0x00100030, "PatientBirthDate", "DA"),
    BODY_PART_EXAMINED(0x00180015, "BodyPartExamined", "CS"),
    STUDY_INSTANCE_UID(0x0020000D, "StudyInstanceUID", "UI"),
    SERIES_INSTANCE_UID(0x0020000E, "SeriesInstanceUID", "UI"),
    SERIES_NUMBER(0x00200011, "SeriesNumber", "IS"),
    INSTANCE_NUMBER(0x00200013, "InstanceNumber", "IS"),
    SAMPLES_PER_PIXEL(0x00280002, "SamplesPerPixel", "US"),
    PHOTOMETRIC_INTERPRETATION(0x00280004, "PhotometricInterpretation", "CS"),
    PLANAR_CONFIGURATION(0x00280006, "PlanarConfiguration", "US"),
    NUMBER_OF_FRAMES(0x00280008, "NumberOfFrames", "IS"),
    ROWS(0x00280010, "Rows", "US"),
    COLUMNS(0x00280011, "Columns", "US"),
    BITS_ALLOCATED(0x00280100, "BitsAllocated", "US"),
    BITS_STORED(0x00280101, "BitsStored", "US"),
    PIXEL_REPRESENTATION(0x00280103, "PixelRepresentation", "US"),
    WINDOW_CENTER(0x00281050, "WindowCenter", "DS"),
    WINDOW_WIDTH(0x00281051, "WindowWidth", "DS"),
    RESCALE_INTERCEPT(0x00281052, "RescaleIntercept", "DS"),
    RESCALE_SLOPE(0x00281053, "RescaleSlope", "DS");

    private static final Map<Integer, DicomTag> BY_TAG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DicomTag::tag, Function.identity()));

    private final int tag;
    private final String keyword;
    private final String vr;
    /** Made once: the reader names the element it is at in every read, fault or not. */
    private final String label;
    private final String jsonKey;

    DicomTag(int tag, String keyword, String vr) {
        this.tag = tag;
        this.keyword = keyword;
        this.vr = vr;
        this.label = keyword + " " + hex(tag);
        this.jsonKey = HexFormat.of().withUpperCase().toHexDigits(tag);
    }

    public int tag() {
        return tag;
    }

    public String keyword() {
        return keyword;
    }

    public String vr() {
        return vr;
    }

    /** "PatientID (0010,0020)": how answers name a tag. */
    public String label() {
        return label;
    }

    /** The 8 hex digits DICOM JSON uses as the attribute's key. */
    public String jsonKey() {
        return jsonKey;
    }

    static DicomTag of(int tag) {
        return BY_TAG.get(tag);
    }

    /** "(0010,0020)", without String.format: the reader names every element it reads, unknown ones included. */
    static String hex(int tag) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "(" + hex.toHexDigits((short) (tag >>> 16)) + "," + hex.toHexDigits((short) tag) + ")";
    }
}
