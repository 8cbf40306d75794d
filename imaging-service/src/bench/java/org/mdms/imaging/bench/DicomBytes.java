package org.mdms.imaging.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Explicit VR little endian elements written by hand, for the benches' generated DICOM files. */
final class DicomBytes {

    private DicomBytes() {
    }

    /** A text (or, with vr OB, byte) element; OB takes the long form (2 reserved bytes, 32-bit length). */
    static void text(ByteArrayOutputStream out, int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        tag(out, tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if ("OB".equals(vr)) {
            u16(out, 0);
            u32(out, v.length);
        } else {
            u16(out, v.length);
        }
        out.writeBytes(v);
    }

    static void us(ByteArrayOutputStream out, int tag, int value) {
        tag(out, tag);
        out.writeBytes("US".getBytes(StandardCharsets.US_ASCII));
        u16(out, 2);
        u16(out, value);
    }

    static void tag(ByteArrayOutputStream out, int tag) {
        u16(out, tag >>> 16);
        u16(out, tag & 0xFFFF);
    }

    static void u16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v & 0xFFFF));
        u16(out, (int) ((v >> 16) & 0xFFFF));
    }
}
