package org.mdms.imaging.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A small DICOM Part 10 reader: preamble and "DICM", the file meta group (explicit VR little endian), then the data
 * set in implicit or explicit VR little endian (the native and encapsulated syntaxes). It keeps the attributes of
 * {@link DicomTag} from the top-level data set, skips everything else (sequences of defined and undefined length
 * included, items nested up to {@link #MAX_DEPTH}), and can keep the bytes of frame 1 for a thumbnail.
 * <p>
 * It reads a stream once, front to back: every declared length is checked against what is left of the file before
 * anything is read or skipped, values are kept only up to {@link #MAX_VALUE} bytes and frame 1 only up to the
 * caller's limit, so a hostile length never turns into an allocation. Every structural fault is a
 * {@link DicomFormatException} naming where it is.
 */
public final class DicomReader {

    public static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    static final int MAX_VALUE = 1024;
    static final int MAX_DEPTH = 16;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN",
            "UR", "UT", "SV", "UV");

    private final InputStream in;
    private final long size;
    private final long maxFrameBytes;
    private final int frameNumber;
    private final byte[] scratch = new byte[8192];
    private final Map<DicomTag, String> values = new EnumMap<>(DicomTag.class);
    private long position;
    private boolean explicit = true;
    private Charset charset = StandardCharsets.ISO_8859_1;
    private byte[] frame;

    private DicomReader(InputStream in, long size, long maxFrameBytes, int frameNumber) {
        this.in = in;
        this.size = size;
        this.maxFrameBytes = maxFrameBytes;
        this.frameNumber = frameNumber;
    }

    /**
     * Reads a whole Part 10 file of {@code size} bytes from {@code in} (to its end, so a digest over the stream sees
     * every byte). {@code maxFrameBytes} &gt; 0 keeps frame 1 when it is at most that large; 0 keeps no pixels.
     */
    public static DicomInstance read(InputStream in, long size, long maxFrameBytes) {
        return read(in, size, maxFrameBytes, 1);
    }

    /** As {@link #read(InputStream, long, long)}, keeping frame {@code frameNumber} (from 1) instead of frame 1. */
    public static DicomInstance read(InputStream in, long size, long maxFrameBytes, int frameNumber) {
        try {
            return new DicomReader(in, size, maxFrameBytes, frameNumber).file();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DicomInstance file() throws IOException {
        if (size < 132) {
            throw DicomFormatException.unsupported("preamble", "the file has " + size
                    + " bytes, fewer than the 128-byte preamble and 'DICM' of a DICOM Part 10 file");
        }
        skip(128, "preamble");
        byte[] magic = read(4, "preamble");
        if (magic[0] != 'D' || magic[1] != 'I' || magic[2] != 'C' || magic[3] != 'M') {
            throw DicomFormatException.unsupported("preamble", "no 'DICM' after the 128-byte preamble: "
                    + "not a DICOM Part 10 file");
        }
        String syntax = null;
        Integer first = null;
        while (remaining() > 0) {
            int tag = readTag("the file meta information");
            if (tag >>> 16 != 0x0002) {
                first = tag;
                break;
            }
            long length = explicitLength(tag);
            if (length == UNDEFINED) {
                throw DicomFormatException.broken(label(tag), label(tag) + " in the file meta information has an "
                        + "undefined length");
            }
            checkLength(tag, length);
            if (tag == TRANSFER_SYNTAX && length <= MAX_VALUE) {
                syntax = text(read((int) length, label(tag)), StandardCharsets.US_ASCII);
            } else {
                skip(length, label(tag));
            }
        }
        if (syntax == null) {
            throw DicomFormatException.broken("TransferSyntaxUID", "TransferSyntaxUID (0002,0010) is missing from "
                    + "the file meta information");
        }
        boolean encapsulated = encapsulated(syntax);
        explicit = !IMPLICIT_LE.equals(syntax);
        if (first != null) {
            element(first, 0);
            while (remaining() > 0) {
                element(readTag("the data set"), 0);
            }
        }
        return new DicomInstance(syntax, Map.copyOf(values), encapsulated, frame);
    }

    /** The syntaxes whose data set this reader parses; the pixels of the encapsulated ones are compressed. */
    private static boolean encapsulated(String syntax) {
        if (IMPLICIT_LE.equals(syntax) || EXPLICIT_LE.equals(syntax)) {
            return false;
        }
        if (syntax.startsWith("1.2.840.10008.1.2.4.") || "1.2.840.10008.1.2.5".equals(syntax)) {
            return true;
        }
        String why = DEFLATED_LE.equals(syntax) ? "deflated explicit VR little endian is not read here"
                : EXPLICIT_BE.equals(syntax) ? "explicit VR big endian (retired) is not read here"
                : "unknown transfer syntax";
        throw DicomFormatException.unsupported("TransferSyntaxUID", "TransferSyntaxUID (0002,0010) " + syntax + ": "
                + why + "; send implicit or explicit VR little endian, or an encapsulated (compressed) syntax");
    }

    private void element(int tag, int depth) throws IOException {
        if (tag >>> 16 == 0xFFFE) {
            throw DicomFormatException.broken(label(tag), "item tag " + label(tag) + " outside a sequence");
        }
        String vr = null;
        long length;
        if (explicit) {
            vr = readVr(tag);
            length = LONG_LENGTH_VRS.contains(vr) ? longLength(tag) : u16(label(tag));
        } else {
            length = u32(label(tag));
        }
        if (length == UNDEFINED) {
            if (depth == 0 && tag == PIXEL_DATA) {
                encapsulatedPixels();
                return;
            }
            if (explicit && !"SQ".equals(vr) && !"UN".equals(vr)) {
                throw DicomFormatException.broken(label(tag), label(tag) + " has an undefined length, which VR " + vr
                        + " cannot have");
            }
            // the items of an undefined-length UN are implicit VR little endian (PS3.5 6.2.2)
            sequence(tag, depth + 1, explicit && !"UN".equals(vr));
            return;
        }
        checkLength(tag, length);
        if (depth == 0 && tag == PIXEL_DATA) {
            nativePixels(length);
            return;
        }
        DicomTag known = depth == 0 ? DicomTag.of(tag) : null;
        if (known == null || length > MAX_VALUE) {
            skip(length, label(tag));
            return;
        }
        byte[] value = read((int) length, label(tag));
        if (known == DicomTag.SPECIFIC_CHARACTER_SET) {
            charset = charsetOf(text(value, StandardCharsets.US_ASCII));
        }
        values.put(known, decode(known, value));
    }

    /** A sequence of undefined length: items (defined length: skipped; undefined: parsed) up to its delimiter. */
    private void sequence(int sequenceTag, int depth, boolean explicitInside) throws IOException {
        if (depth > MAX_DEPTH) {
            throw DicomFormatException.broken(label(sequenceTag), "sequences nested deeper than " + MAX_DEPTH);
        }
        while (true) {
            int tag = readTag(label(sequenceTag));
            long length = u32(label(sequenceTag));
            if (tag == SEQUENCE_END) {
                return;
            }
            if (tag != ITEM) {
                throw DicomFormatException.broken(label(sequenceTag), "expected an item (FFFE,E000) in sequence "
                        + label(sequenceTag) + ", found " + DicomTag.hex(tag));
            }
            if (length != UNDEFINED) {
                checkLength(sequenceTag, length);
                skip(length, label(sequenceTag));
                continue;
            }
            boolean outer = explicit;
            explicit = explicitInside;
            while (true) {
                int inner = readTag(label(sequenceTag));
                if (inner == ITEM_END) {
                    u32(label(sequenceTag));
                    break;
                }
                if (inner == SEQUENCE_END || inner == ITEM) {
                    throw DicomFormatException.broken(label(sequenceTag), "item of sequence " + label(sequenceTag)
                            + " not closed by an item delimiter (FFFE,E00D)");
                }
                element(inner, depth);
            }
            explicit = outer;
        }
    }

    private void nativePixels(long length) throws IOException {
        long frameBytes = nativeFrameBytes();
        long before = (frameNumber - 1) * frameBytes;
        if (maxFrameBytes > 0 && frameBytes > 0 && before + frameBytes <= length && frameBytes <= maxFrameBytes) {
            skip(before, "PixelData (7FE0,0010)");
            frame = read((int) frameBytes, "PixelData (7FE0,0010)");
            skip(length - before - frameBytes, "PixelData (7FE0,0010)");
        } else {
            skip(length, "PixelData (7FE0,0010)");
        }
    }

    /** Rows × columns × samples × bytes per sample; -1 when an attribute is missing. */
    private long nativeFrameBytes() {
        Integer rows = integer(DicomTag.ROWS);
        Integer columns = integer(DicomTag.COLUMNS);
        Integer bits = integer(DicomTag.BITS_ALLOCATED);
        Integer samples = integer(DicomTag.SAMPLES_PER_PIXEL);
        if (rows == null || columns == null || bits == null || bits % 8 != 0) {
            return -1;
        }
        return (long) rows * columns * (samples == null ? 1 : samples) * (bits / 8);
    }

    /**
     * Encapsulated pixel data: the basic offset table, then fragments up to the sequence delimiter. Frame 1 is every
     * fragment of a single-frame image, or of a multi-frame one the fragments up to the first that ends a JPEG
     * stream (EOI); kept only within the caller's limit.
     */
    private void encapsulatedPixels() throws IOException {
        String where = "PixelData (7FE0,0010)";
        boolean single = integer(DicomTag.NUMBER_OF_FRAMES) == null || integer(DicomTag.NUMBER_OF_FRAMES) <= 1;
        ByteArrayOutputStream kept = maxFrameBytes > 0 ? new ByteArrayOutputStream() : null;
        boolean frameComplete = false;
        int items = 0;
        int current = 1;
        while (true) {
            int tag = readTag(where);
            long length = u32(where);
            if (tag == SEQUENCE_END) {
                break;
            }
            if (tag != ITEM || length == UNDEFINED) {
                throw DicomFormatException.broken(where, "expected a fragment (FFFE,E000) of defined length in the "
                        + "encapsulated pixel data, found " + DicomTag.hex(tag));
            }
            checkLength(PIXEL_DATA, length);
            if (items++ == 0 || kept == null || frameComplete) {
                skip(length, where);
                continue;
            }
            if (current < frameNumber) {
                // a fragment of an earlier frame: multi-frame JPEG has one frame per run of fragments ending in EOI
                int tail = (int) Math.min(length, 3);
                skip(length - tail, where);
                if (endsJpeg(read(tail, where)) && !single) {
                    current++;
                }
                continue;
            }
            if (kept.size() + length > maxFrameBytes) {
                skip(length, where);
                kept = null;
                continue;
            }
            byte[] fragment = read((int) length, where);
            kept.write(fragment);
            frameComplete = !single && endsJpeg(fragment);
        }
        if (items == 0) {
            throw DicomFormatException.broken(where, "encapsulated pixel data without a basic offset table item");
        }
        frame = kept == null || kept.size() == 0 ? null : kept.toByteArray();
    }

    private static boolean endsJpeg(byte[] f) {
        int n = f.length;
        return n >= 2 && (f[n - 2] == (byte) 0xFF && f[n - 1] == (byte) 0xD9
                || n >= 3 && f[n - 1] == 0 && f[n - 3] == (byte) 0xFF && f[n - 2] == (byte) 0xD9);
    }

    // ------------------------------------------------------------------------------------------------ values

    private String decode(DicomTag tag, byte[] value) {
        if ("US".equals(tag.vr())) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i + 1 < value.length; i += 2) {
                s.append(s.isEmpty() ? "" : "\\").append((value[i] & 0xFF) | (value[i + 1] & 0xFF) << 8);
            }
            return s.toString();
        }
        return text(value, "PN".equals(tag.vr()) || "LO".equals(tag.vr()) || "SH".equals(tag.vr()) ? charset
                : StandardCharsets.US_ASCII);
    }

    private Integer integer(DicomTag tag) {
        String v = values.get(tag);
        if (v == null) {
            return null;
        }
        try {
            int cut = v.indexOf('\\');
            return Integer.valueOf((cut < 0 ? v : v.substring(0, cut)).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(byte[] value, Charset charset) {
        int end = value.length;
        while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == 0)) {
            end--;
        }
        return new String(value, 0, end, charset).trim();
    }

    /** The common single-byte and Unicode sets; anything else is read as ISO 8859-1 (names may then look wrong). */
    private static Charset charsetOf(String term) {
        String last = term.contains("\\") ? term.substring(term.lastIndexOf('\\') + 1).trim() : term.trim();
        return switch (last) {
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            case "GB18030", "GBK" -> Charset.forName("GB18030");
            case "ISO 2022 IR 58", "ISO_IR 58" -> Charset.forName("GB2312");
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    // ------------------------------------------------------------------------------------------------ bytes

    private long remaining() {
        return size - position;
    }

    private void checkLength(int tag, long length) {
        if (length > remaining()) {
            throw DicomFormatException.broken(label(tag), label(tag) + " declares " + length + " bytes but only "
                    + remaining() + " remain in the file");
        }
    }

    private int readTag(String where) throws IOException {
        int group = u16(where);
        int element = u16(where);
        return group << 16 | element;
    }

    private String readVr(int tag) throws IOException {
        byte[] vr = read(2, label(tag));
        if (vr[0] < 'A' || vr[0] > 'Z' || vr[1] < 'A' || vr[1] > 'Z') {
            throw DicomFormatException.broken(label(tag), label(tag) + " has no valid value representation "
                    + "(explicit VR expected)");
        }
        return new String(vr, StandardCharsets.US_ASCII);
    }

    /** An explicit-VR element's length (group 0002 is always explicit VR little endian). */
    private long explicitLength(int tag) throws IOException {
        String vr = readVr(tag);
        return LONG_LENGTH_VRS.contains(vr) ? longLength(tag) : u16(label(tag));
    }

    private long longLength(int tag) throws IOException {
        skip(2, label(tag));
        return u32(label(tag));
    }

    private int u16(String where) throws IOException {
        byte[] b = read(2, where);
        return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
    }

    private long u32(String where) throws IOException {
        byte[] b = read(4, where);
        return (b[0] & 0xFFL) | (b[1] & 0xFFL) << 8 | (b[2] & 0xFFL) << 16 | (b[3] & 0xFFL) << 24;
    }

    private byte[] read(int n, String where) throws IOException {
        if (n > remaining()) {
            throw truncated(where);
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw truncated(where);
        }
        position += n;
        return b;
    }

    /** Reads past n bytes (through the stream, so a digest over it sees them). */
    private void skip(long n, String where) throws IOException {
        if (n > remaining()) {
            throw truncated(where);
        }
        long left = n;
        while (left > 0) {
            int got = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (got < 0) {
                throw truncated(where);
            }
            left -= got;
            position += got;
        }
    }

    private DicomFormatException truncated(String where) {
        return DicomFormatException.broken(where, "the file ends inside " + where + " (at byte " + position + " of "
                + size + ")");
    }

    private static String label(int tag) {
        DicomTag known = DicomTag.of(tag);
        return known != null ? known.label() : tag == PIXEL_DATA ? "PixelData (7FE0,0010)" : DicomTag.hex(tag);
    }
}
