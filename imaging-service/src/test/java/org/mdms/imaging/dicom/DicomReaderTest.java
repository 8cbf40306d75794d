package org.mdms.imaging.dicom;

import org.junit.jupiter.api.Test;
import org.mdms.local.testing.DicomWriter;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reader on files written by {@link DicomWriter}: both VR encodings, sequences, frames, and broken files. */
class DicomReaderTest {

    private static final String STUDY = "1.2.826.0.1.3680043.8.498.1";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.1.1";
    private static final String SOP = "1.2.826.0.1.3680043.8.498.1.1.1";

    private static DicomWriter ct(String syntax) {
        return DicomWriter.ct(syntax, "MRN0000000001", STUDY, SERIES, SOP);
    }

    private static DicomInstance read(byte[] file, long maxFrame) {
        return DicomReader.read(new ByteArrayInputStream(file), file.length, maxFrame);
    }

    @Test
    void explicitLittleEndianWithSequences() {
        byte[] file = ct(DicomWriter.EXPLICIT_LE).sequence(0x00081032, "A1", "B2").monochrome16(4, 3, 1, true).bytes();
        DicomInstance d = read(file, 1 << 20);
        assertEquals(DicomReader.EXPLICIT_LE, d.transferSyntaxUid());
        assertEquals("MRN0000000001", d.get(DicomTag.PATIENT_ID));
        assertEquals("张^伟", d.get(DicomTag.PATIENT_NAME));
        assertEquals("胸部CT平扫", d.get(DicomTag.STUDY_DESCRIPTION));
        assertEquals(STUDY, d.get(DicomTag.STUDY_INSTANCE_UID));
        assertEquals(SERIES, d.get(DicomTag.SERIES_INSTANCE_UID));
        assertEquals(SOP, d.get(DicomTag.SOP_INSTANCE_UID));
        assertEquals("CT", d.get(DicomTag.MODALITY));
        assertEquals("20261115", d.get(DicomTag.STUDY_DATE));
        assertEquals("CHEST", d.get(DicomTag.BODY_PART_EXAMINED));
        assertEquals(4, d.integer(DicomTag.ROWS));
        assertEquals(3, d.integer(DicomTag.COLUMNS));
        assertEquals(1, d.frames());
        assertEquals(40.0, d.decimal(DicomTag.WINDOW_CENTER));
        assertEquals(400.0, d.decimal(DicomTag.WINDOW_WIDTH));
        assertFalse(d.encapsulated());
        assertEquals(4 * 3 * 2, d.frame().length);
        // the sequence's items (CodeValue A1, B2, ABCD) are not taken for top-level attributes
        assertFalse(d.values().containsValue("A1"));
    }

    @Test
    void implicitLittleEndianReadsTheSame() {
        byte[] file = ct(DicomWriter.IMPLICIT_LE).sequence(0x00081032, "A1").monochrome16(4, 3, 1, false).bytes();
        DicomInstance d = read(file, 1 << 20);
        assertEquals(DicomReader.IMPLICIT_LE, d.transferSyntaxUid());
        assertEquals("MRN0000000001", d.get(DicomTag.PATIENT_ID));
        assertEquals(SOP, d.get(DicomTag.SOP_INSTANCE_UID));
        assertEquals(16, d.integer(DicomTag.BITS_ALLOCATED));
        assertNull(d.get(DicomTag.WINDOW_CENTER));
        assertEquals(24, d.frame().length);
    }

    @Test
    void multiFrameKeepsOnlyFrameOne() {
        byte[] file = ct(DicomWriter.EXPLICIT_LE).monochrome16(8, 8, 5, true).bytes();
        DicomInstance d = read(file, 1 << 20);
        assertEquals(5, d.frames());
        assertEquals(8 * 8 * 2, d.frame().length);
        // frame 1 is the first 128 bytes of pixel data (the frames differ by one stored value)
        assertEquals((byte) (-160 + 1024), d.frame()[0]);
    }

    @Test
    void noPixelsKeptWhenNotAskedOrTooLarge() {
        byte[] file = ct(DicomWriter.EXPLICIT_LE).monochrome16(16, 16, 1, true).bytes();
        assertNull(read(file, 0).frame());
        assertNull(read(file, 100).frame());
    }

    @Test
    void jpegBaselineFrameIsTheFragmentsOfFrameOne() {
        byte[] file = ct(DicomWriter.JPEG_BASELINE).jpegFrames(32, 48, 3).bytes();
        DicomInstance d = read(file, 1 << 20);
        assertTrue(d.encapsulated());
        assertEquals(3, d.frames());
        byte[] first = DicomWriter.jpeg(32, 48, 0);
        assertArrayEquals(first, Arrays.copyOf(d.frame(), first.length));
        assertTrue(d.frame().length <= first.length + 1);
    }

    @Test
    void dicomJsonHasTheAttributesRead() {
        Map<String, Object> json = read(ct(DicomWriter.EXPLICIT_LE).monochrome16(2, 2, 1, true).bytes(), 0).dicomJson();
        assertEquals(Map.of("vr", "LO", "Value", java.util.List.of("MRN0000000001")), json.get("00100020"));
        assertEquals(Map.of("vr", "PN", "Value", java.util.List.of(Map.of("Alphabetic", "张^伟"))), json.get("00100010"));
        assertEquals(Map.of("vr", "US", "Value", java.util.List.of(2L)), json.get("00280010"));
        assertEquals(Map.of("vr", "DS", "Value", java.util.List.of(40.0, 50.0)), json.get("00281050"));
        assertEquals(Map.of("vr", "UI", "Value", java.util.List.of(DicomReader.EXPLICIT_LE)), json.get("00020010"));
    }

    // ------------------------------------------------------------------------------------------ broken files

    @Test
    void wrongPreambleOrTooShortIsNotDicom() {
        byte[] good = ct(DicomWriter.EXPLICIT_LE).bytes();
        DicomFormatException e = refused(ct(DicomWriter.EXPLICIT_LE).bytes(DicomWriter.EXPLICIT_LE, "DICN"));
        assertEquals(415, e.status());
        assertEquals("preamble", e.where());
        assertEquals(415, refused(Arrays.copyOf(good, 100)).status());
        assertEquals(415, refused("%PDF-1.7 not an image".getBytes()).status());
    }

    @Test
    void unsupportedSyntaxesAre415NamingTheTransferSyntax() {
        DicomFormatException e = refused(ct(DicomWriter.EXPLICIT_LE).bytes(DicomWriter.EXPLICIT_BE, "DICM"));
        assertEquals(415, e.status());
        assertEquals("TransferSyntaxUID", e.where());
        assertTrue(e.getMessage().contains("big endian"), e.getMessage());
        assertEquals(415, refused(ct(DicomWriter.EXPLICIT_LE).bytes("1.2.3.4", "DICM")).status());
    }

    @Test
    void aTwoGigabyteLengthIsRefusedWithoutAllocating() {
        byte[] file = ct(DicomWriter.EXPLICIT_LE).header(0x7FE00010, "OW", 0x80000000L).raw(new byte[64]).bytes();
        DicomFormatException e = refused(file);
        assertEquals(400, e.status());
        assertEquals("PixelData (7FE0,0010)", e.where());
        assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
        // the same declared length on a kept attribute, in implicit VR (4-byte lengths everywhere)
        byte[] implicit = DicomWriter.of(DicomWriter.IMPLICIT_LE).header(0x00100020, "LO", 0xFFFFFFF0L).bytes();
        assertEquals("PatientID (0010,0020)", refused(implicit).where());
        // an element the reader does not keep is named by its tag alone, hex letters upper case
        byte[] privateTag = ct(DicomWriter.EXPLICIT_LE).header(0x0009AB1F, "OB", 0x7FFFFFF0L).bytes();
        assertEquals("(0009,AB1F)", refused(privateTag).where());
        assertEquals("SeriesDescription (0008,103E)", DicomTag.SERIES_DESCRIPTION.label());
        assertEquals("0008103E", DicomTag.SERIES_DESCRIPTION.jsonKey());
    }

    @Test
    void aTagPastTheEndOrATruncatedFileIs400() {
        byte[] whole = ct(DicomWriter.EXPLICIT_LE).monochrome16(8, 8, 1, true).bytes();
        for (int cut : new int[]{whole.length - 1, whole.length - 100, whole.length - 128 - 3, 200, 140}) {
            DicomFormatException e = refused(Arrays.copyOf(whole, cut));
            assertEquals(400, e.status(), "cut at " + cut + ": " + e.getMessage());
            assertNotNull(e.where());
        }
        // an element header whose tag is cut in two at the end of the file
        byte[] halfTag = ct(DicomWriter.EXPLICIT_LE).raw(new byte[]{0x10, 0x00}).bytes();
        assertEquals(400, refused(halfTag).status());
    }

    @Test
    void brokenSequencesAre400() {
        // an undefined-length sequence that never ends
        byte[] open = ct(DicomWriter.EXPLICIT_LE).header(0x00081032, "SQ", 0xFFFFFFFFL).raw(new byte[]{
                (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}).bytes();
        assertEquals(400, refused(open).status());
        // something other than an item inside a sequence
        byte[] stray = ct(DicomWriter.EXPLICIT_LE).header(0x00081032, "SQ", 0xFFFFFFFFL)
                .text(0x00100010, "PN", "X").bytes();
        assertEquals(400, refused(stray).status());
        // undefined length on a VR that cannot have one
        byte[] undefinedText = ct(DicomWriter.EXPLICIT_LE).header(0x00200020, "UT", 0xFFFFFFFFL).bytes();
        assertEquals(400, refused(undefinedText).status());
        // deep nesting: sequences inside items 40 deep
        DicomWriter deep = ct(DicomWriter.EXPLICIT_LE);
        for (int i = 0; i < 40; i++) {
            deep.header(0x00400260, "SQ", 0xFFFFFFFFL).raw(new byte[]{(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        }
        assertTrue(refused(deep.bytes()).getMessage().contains("nested"));
    }

    @Test
    void explicitVrExpectedButMissing() {
        // an implicit data set declared as explicit: the "VR" bytes are a length
        byte[] implicitBody = ct(DicomWriter.IMPLICIT_LE).bytes(DicomWriter.IMPLICIT_LE, "DICM");
        byte[] mislabelled = DicomWriter.ct(DicomWriter.IMPLICIT_LE, "M", STUDY, SERIES, SOP)
                .bytes(DicomWriter.EXPLICIT_LE, "DICM");
        assertEquals("M", read(implicitBody, 0).get(DicomTag.PATIENT_ID).substring(0, 1));
        assertEquals(400, refused(mislabelled).status());
    }

    @Test
    void readsTheWholeStreamSoADigestSeesEveryByte() throws Exception {
        byte[] file = ct(DicomWriter.EXPLICIT_LE).monochrome16(64, 64, 3, true).bytes();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        InputStream in = new java.security.DigestInputStream(new ByteArrayInputStream(file), sha);
        DicomReader.read(in, file.length, 0);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(file), sha.digest());
    }

    private static DicomFormatException refused(byte[] file) {
        return assertThrows(DicomFormatException.class, () -> read(file, 1 << 20));
    }
}
