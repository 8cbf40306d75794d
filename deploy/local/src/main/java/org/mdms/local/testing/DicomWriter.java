package org.mdms.local.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Writes DICOM Part 10 files for the tests (no third-party sample files): preamble, DICM, the meta group, then the
 * data set in the chosen transfer syntax. Elements must be added in ascending tag order, as DICOM wants; nothing
 * checks it, so broken files are easy to make too.
 */
public final class DicomWriter {

    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.90";
    private static final Set<String> LONG = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT");

    private final String syntax;
    private final boolean explicit;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    private DicomWriter(String syntax) {
        this.syntax = syntax;
        this.explicit = !IMPLICIT_LE.equals(syntax);
    }

    public static DicomWriter of(String syntax) {
        return new DicomWriter(syntax);
    }

    /** The patient, study, series and instance attributes MDMS reads, of a CT instance; pixels come next. */
    public static DicomWriter ct(String syntax, String mrn, String study, String series, String sop) {
        return of(syntax)
                .text(0x00080005, "CS", "ISO_IR 192")
                .text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2")
                .text(0x00080018, "UI", sop)
                .text(0x00080020, "DA", "20261115")
                .text(0x00080030, "TM", "101500")
                .text(0x00080060, "CS", "CT")
                .text(0x00081030, "LO", "胸部CT平扫")
                .text(0x00100010, "PN", "张^伟")
                .text(0x00100020, "LO", mrn)
                .text(0x00100030, "DA", "19800517")
                .text(0x00180015, "CS", "CHEST")
                .text(0x0020000D, "UI", study)
                .text(0x0020000E, "UI", series)
                .text(0x00200011, "IS", "2")
                .text(0x00200013, "IS", "1");
    }

    /** Image pixel module for 16-bit monochrome and the pixels of {@code frames} frames (a gradient per frame). */
    public DicomWriter monochrome16(int rows, int columns, int frames, boolean window) {
        us(0x00280002, 1);
        text(0x00280004, "CS", "MONOCHROME2");
        if (frames > 1) {
            text(0x00280008, "IS", String.valueOf(frames));
        }
        us(0x00280010, rows).us(0x00280011, columns).us(0x00280100, 16).us(0x00280101, 12).us(0x00280103, 0);
        if (window) {
            // CT numbers: stored value - 1024 (the gradient runs from -160 to 240 HU, the window's edges)
            text(0x00281050, "DS", "40\\50").text(0x00281051, "DS", "400\\350");
            text(0x00281052, "DS", "-1024").text(0x00281053, "DS", "1");
        }
        byte[] pixels = new byte[rows * columns * 2 * frames];
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    int v = -160 + (x * 400 / Math.max(1, columns - 1)) + 1024 + f; // stored values 864..1264
                    int i = ((f * rows + y) * columns + x) * 2;
                    pixels[i] = (byte) v;
                    pixels[i + 1] = (byte) (v >> 8);
                }
            }
        }
        return element(0x7FE00010, "OW", pixels);
    }

    /** Image pixel module for an 8-bit RGB JPEG baseline frame (or frames), encapsulated. */
    public DicomWriter jpegFrames(int rows, int columns, int frames) {
        us(0x00280002, 3);
        text(0x00280004, "CS", "YBR_FULL_422");
        if (frames > 1) {
            text(0x00280008, "IS", String.valueOf(frames));
        }
        us(0x00280010, rows).us(0x00280011, columns).us(0x00280100, 8).us(0x00280101, 8).us(0x00280103, 0);
        byte[][] fragments = new byte[frames][];
        for (int f = 0; f < frames; f++) {
            fragments[f] = jpeg(rows, columns, f);
        }
        return encapsulated(fragments);
    }

    public DicomWriter text(int tag, String vr, String value) {
        if (value == null) {
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length % 2 == 1) {
            byte[] padded = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            padded[bytes.length] = "UI".equals(vr) ? 0 : (byte) ' ';
            bytes = padded;
        }
        return element(tag, vr, bytes);
    }

    public DicomWriter us(int tag, int value) {
        return element(tag, "US", new byte[]{(byte) value, (byte) (value >> 8)});
    }

    public DicomWriter element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        data.writeBytes(value);
        return this;
    }

    /** An element header with any declared length (for the broken files). */
    public DicomWriter header(int tag, String vr, long length) {
        tag(data, tag);
        if (explicit) {
            data.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (LONG.contains(vr)) {
                u16(data, 0);
                u32(data, length);
            } else {
                u16(data, (int) length);
            }
        } else {
            u32(data, length);
        }
        return this;
    }

    /** A sequence of undefined length whose items (each of undefined length) hold one text element each. */
    public DicomWriter sequence(int tag, String... itemValues) {
        header(tag, "SQ", 0xFFFFFFFFL);
        for (String v : itemValues) {
            tag(data, 0xFFFEE000);
            u32(data, 0xFFFFFFFFL);
            text(0x00080100, "SH", v); // CodeValue
            // a nested empty sequence of undefined length too
            header(0x00400260, "SQ", 0xFFFFFFFFL);
            tag(data, 0xFFFEE0DD);
            u32(data, 0);
            tag(data, 0xFFFEE00D);
            u32(data, 0);
        }
        // and one item of defined length
        byte[] item = {0x08, 0x00, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 'A', 'B', 'C', 'D'};
        tag(data, 0xFFFEE000);
        u32(data, explicit ? item.length + 2 : item.length);
        if (explicit) {
            data.writeBytes(new byte[]{0x08, 0x00, 0x00, 0x01, 'S', 'H', 0x04, 0x00, 'A', 'B', 'C', 'D'});
            data.writeBytes(new byte[]{0, 0}); // padding inside the item's declared length: still skipped whole
        } else {
            data.writeBytes(item);
        }
        tag(data, 0xFFFEE0DD);
        u32(data, 0);
        return this;
    }

    public DicomWriter encapsulated(byte[]... fragments) {
        header(0x7FE00010, "OB", 0xFFFFFFFFL);
        tag(data, 0xFFFEE000);
        u32(data, 0); // empty basic offset table
        for (byte[] f : fragments) {
            byte[] even = f.length % 2 == 0 ? f : java.util.Arrays.copyOf(f, f.length + 1);
            tag(data, 0xFFFEE000);
            u32(data, even.length);
            data.writeBytes(even);
        }
        tag(data, 0xFFFEE0DD);
        u32(data, 0);
        return this;
    }

    public DicomWriter raw(byte[] bytes) {
        data.writeBytes(bytes);
        return this;
    }

    public byte[] bytes() {
        return bytes(syntax, "DICM");
    }

    /** The file with another transfer syntax in its meta group, or another magic than DICM. */
    public byte[] bytes(String metaSyntax, String magic) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        metaText(meta, 0x00020001, "OB", new String(new byte[]{0, 1}, StandardCharsets.ISO_8859_1));
        metaText(meta, 0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.2");
        metaText(meta, 0x00020010, "UI", metaSyntax);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes(magic.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream length = new ByteArrayOutputStream();
        tag(length, 0x00020000);
        length.writeBytes("UL".getBytes(StandardCharsets.US_ASCII));
        u16(length, 4);
        u32(length, meta.size());
        out.writeBytes(length.toByteArray());
        out.writeBytes(meta.toByteArray());
        out.writeBytes(data.toByteArray());
        return out.toByteArray();
    }

    private static void metaText(ByteArrayOutputStream out, int tag, String vr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length % 2 == 1) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        }
        tag(out, tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (LONG.contains(vr)) {
            u16(out, 0);
            u32(out, bytes.length);
        } else {
            u16(out, bytes.length);
        }
        out.writeBytes(bytes);
    }

    public static byte[] jpeg(int rows, int columns, int seed) {
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                image.setRGB(x, y, (x * 255 / columns) << 16 | (y * 255 / rows) << 8 | (seed * 40 & 0xFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void tag(ByteArrayOutputStream out, int tag) {
        u16(out, tag >>> 16);
        u16(out, tag & 0xFFFF);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write(v >>> 8 & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v & 0xFFFF));
        u16(out, (int) (v >>> 16 & 0xFFFF));
    }
}
