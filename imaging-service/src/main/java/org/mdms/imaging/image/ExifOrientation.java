package org.mdms.imaging.image;

import net.coobird.thumbnailator.util.exif.Orientation;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, read from its APP1 segment without decoding anything else.
 * <p>
 * ImageIO's JPEG metadata (what Thumbnailator's ExifUtils asks for) walks the whole file and builds a metadata tree:
 * about 8 ms for a 1 MB photo, most of an upload's header check. Only the markers before the first scan are read
 * here. A missing, broken or unreadable EXIF block means "no orientation" (the picture is shown as stored).
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int MAX_SEGMENTS = 64;

    private ExifOrientation() {
    }

    /** The orientation of a JPEG file, or null when it has none (or it cannot be read). */
    static Orientation of(Path jpeg) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(jpeg), 16 * 1024)) {
            return of(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Orientation of(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readUnsignedShort() != 0xFFD8) { // SOI
            return null;
        }
        for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
            int marker = nextMarker(in);
            if (marker == 0xDA || marker == 0xD9) { // start of scan or end of image: no EXIF before the pixels
                return null;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) { // markers without a length
                continue;
            }
            int length = in.readUnsignedShort() - 2;
            if (length < 0) {
                return null;
            }
            if (marker == 0xE1 && length >= 14) {
                byte[] app1 = new byte[length];
                in.readFully(app1);
                if (app1[0] == 'E' && app1[1] == 'x' && app1[2] == 'i' && app1[3] == 'f' && app1[4] == 0
                        && app1[5] == 0) {
                    return fromTiff(ByteBuffer.wrap(app1, 6, length - 6).slice());
                }
            } else {
                skipFully(in, length);
            }
        }
        return null;
    }

    /** IFD0 of the TIFF structure inside the APP1 segment; the tag's value sits in the entry itself (SHORT). */
    private static Orientation fromTiff(ByteBuffer tiff) {
        if (tiff.remaining() < 8) {
            return null;
        }
        short order = tiff.getShort(0);
        if (order == 0x4949) { // "II"
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (order != 0x4D4D) { // "MM"
            return null;
        }
        if ((tiff.getShort(2) & 0xFFFF) != 42) {
            return null;
        }
        long ifd = tiff.getInt(4) & 0xFFFFFFFFL;
        if (ifd + 2 > tiff.limit()) {
            return null;
        }
        int entries = tiff.getShort((int) ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > tiff.limit()) {
                return null;
            }
            if ((tiff.getShort(entry) & 0xFFFF) == ORIENTATION_TAG) {
                int type = tiff.getShort(entry + 2) & 0xFFFF;
                int value = type == 3 ? tiff.getShort(entry + 8) & 0xFFFF // SHORT
                        : type == 4 ? tiff.getInt(entry + 8) // LONG, written by a few tools
                        : -1;
                return value >= 1 && value <= 8 ? Orientation.typeOf(value) : null;
            }
        }
        return null;
    }

    /** Skips fill bytes (0xFF repeated) and answers the marker code. */
    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        if (b != 0xFF) {
            throw new IOException("not at a JPEG marker");
        }
        while (b == 0xFF) {
            b = in.readUnsignedByte();
        }
        return b;
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }
}
