package org.mdms.imaging.dicom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mdms.imaging.support.DicomWriter;

import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The grey of a native monochrome frame, windowed through a table of the stored values (issue 16), is the grey the
 * per-pixel formula gives: random stored values, signed or not, rescale up or down, window from the file or the
 * frame's range, MONOCHROME1 inverted.
 */
class DicomRenderingTest {

    @ParameterizedTest
    @CsvSource({
            "MONOCHROME2, 16, 12, 0, 1, -1024, 40, 400",
            "MONOCHROME2, 16, 12, 1, 1, 0, , ",
            "MONOCHROME1, 16, 16, 0, -0.5, 100, , ",
            "MONOCHROME2, 16, 16, 1, 2.5, -3, 10, 1",
            "MONOCHROME1, 8, 8, 0, 1, 0, 100, 50",
            "MONOCHROME2, 8, 7, 1, 1, 0, , ",
    })
    void tableGivesTheGreyOfThePerPixelWindow(String photometric, int bits, int stored, int signed, String slope,
                                              String intercept, String center, String width) {
        int rows = 37;
        int columns = 53;
        byte[] pixels = new byte[rows * columns * bits / 8];
        new Random(rows * 31L + stored + signed).nextBytes(pixels);
        DicomWriter w = DicomWriter.of(DicomWriter.EXPLICIT_LE)
                .us(0x00280002, 1).text(0x00280004, "CS", photometric)
                .us(0x00280010, rows).us(0x00280011, columns).us(0x00280100, bits).us(0x00280101, stored)
                .us(0x00280103, signed);
        if (center != null) {
            w.text(0x00281050, "DS", center).text(0x00281051, "DS", width);
        }
        w.text(0x00281052, "DS", intercept).text(0x00281053, "DS", slope);
        byte[] file = w.element(0x7FE00010, bits == 16 ? "OW" : "OB", pixels).bytes();
        DicomInstance d = DicomReader.read(new ByteArrayInputStream(file), file.length, 1 << 20);

        byte[] grey = ((DataBufferByte) DicomRendering.image(d).getRaster().getDataBuffer()).getData();

        assertArrayEquals(perPixel(d, rows * columns), grey);
    }

    /** The formula as it was applied to every pixel before the table. */
    private static byte[] perPixel(DicomInstance d, int n) {
        byte[] f = d.frame();
        boolean sixteen = d.integer(DicomTag.BITS_ALLOCATED) == 16;
        boolean signed = Integer.valueOf(1).equals(d.integer(DicomTag.PIXEL_REPRESENTATION));
        int bitsStored = Math.min(d.integer(DicomTag.BITS_STORED), sixteen ? 16 : 8);
        double slope = d.decimal(DicomTag.RESCALE_SLOPE);
        double intercept = d.decimal(DicomTag.RESCALE_INTERCEPT);
        double[] values = new double[n];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int raw = sixteen ? (f[2 * i] & 0xFF) | (f[2 * i + 1] & 0xFF) << 8 : f[i] & 0xFF;
            raw &= (1 << bitsStored) - 1;
            if (signed && (raw & 1 << (bitsStored - 1)) != 0) {
                raw -= 1 << bitsStored;
            }
            values[i] = raw * slope + intercept;
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        Double center = d.decimal(DicomTag.WINDOW_CENTER);
        Double width = d.decimal(DicomTag.WINDOW_WIDTH);
        double low = center != null && width != null && width >= 1 ? center - 0.5 - (width - 1) / 2 : min;
        double high = center != null && width != null && width >= 1 ? center - 0.5 + (width - 1) / 2 : max;
        boolean invert = "MONOCHROME1".equals(d.get(DicomTag.PHOTOMETRIC_INTERPRETATION));
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            double v = high <= low ? 128 : (values[i] - low) / (high - low) * 255;
            int g = (int) Math.round(Math.max(0, Math.min(255, v)));
            out[i] = (byte) (invert ? 255 - g : g);
        }
        return out;
    }
}
