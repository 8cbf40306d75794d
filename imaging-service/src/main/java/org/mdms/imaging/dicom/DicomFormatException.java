package org.mdms.imaging.dicom;

/**
 * Bytes that are not a DICOM Part 10 file this service reads (415) or a Part 10 file whose structure is broken
 * (400); {@code where} names the part at fault ("preamble", "(7FE0,0010) PixelData", "TransferSyntaxUID", ...).
 */
public class DicomFormatException extends RuntimeException {

    private final int status;
    private final String where;

    DicomFormatException(int status, String where, String message) {
        super(message);
        this.status = status;
        this.where = where;
    }

    static DicomFormatException broken(String where, String message) {
        return new DicomFormatException(400, where, message);
    }

    static DicomFormatException unsupported(String where, String message) {
        return new DicomFormatException(415, where, message);
    }

    public int status() {
        return status;
    }

    public String where() {
        return where;
    }
}
