package org.mdms.imaging.dicom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mdms.local.testing.DicomWriter;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The grey of a native monochrome frame, windowed through a table of the stored values (issue 16), is the grey the
 * per-pixel formula gives: random stored values, signed or not, rescale up or down, window from the file or the
 * frame's range, MONOCHROME1 inverted. A frame larger than the thumbnail is rendered straight at thumbnail size: its
 * pixels are the mean windowed grey (or colour) of the frame pixels they cover, in the right place.
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

    /**
     * A 1024x512 CT frame: the top half air (-1024 HU, black in the window), the bottom half a ramp of 4 HU per column
     * from -1024 to 3068, window 1024/4096 (-1024..3071). The 256x128 thumbnail's pixel (ox, oy) covers columns
     * 4ox..4ox+3: its grey is the ramp's mean there, 255 * (16 ox + 6) / 4095, give or take the JPEG's rounding.
     */
    @Test
    void largeMonochromeFrameRendersTheMeanWindowedGreyAtThumbnailSize() throws IOException {
        int rows = 512;
        int columns = 1024;
        byte[] pixels = new byte[rows * columns * 2];
        for (int y = rows / 2; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = 2 * (y * columns + x);
                pixels[i] = (byte) (4 * x);
                pixels[i + 1] = (byte) (4 * x >> 8);
            }
        }
        DicomInstance d = frame(DicomWriter.of(DicomWriter.EXPLICIT_LE).us(0x00280002, 1)
                .text(0x00280004, "CS", "MONOCHROME2").us(0x00280010, rows).us(0x00280011, columns)
                .us(0x00280100, 16).us(0x00280101, 12).us(0x00280103, 0)
                .text(0x00281050, "DS", "1024").text(0x00281051, "DS", "4096")
                .text(0x00281052, "DS", "-1024").text(0x00281053, "DS", "1")
                .element(0x7FE00010, "OW", pixels));

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(DicomRendering.thumbnail(d, 256)));

        assertEquals(256, thumbnail.getWidth());
        assertEquals(128, thumbnail.getHeight());
        for (int ox : new int[] {2, 64, 128, 200, 253}) {
            assertEquals(0, grey(thumbnail, ox, 20), 3, "air above at column " + ox);
            assertEquals(255.0 * (16 * ox + 6) / 4095, grey(thumbnail, ox, 100), 3, "ramp below at column " + ox);
        }
    }

    /** MONOCHROME1 inverts, an 8-bit frame of another shape keeps its aspect: 300 rows x 600 columns -> 256x128. */
    @Test
    void monochromeOneEightBitIsInvertedAndKeepsItsAspect() throws IOException {
        int rows = 300;
        int columns = 600;
        byte[] pixels = new byte[rows * columns];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                pixels[y * columns + x] = (byte) (x < columns / 2 ? 40 : 200);
            }
        }
        DicomInstance d = frame(DicomWriter.of(DicomWriter.EXPLICIT_LE).us(0x00280002, 1)
                .text(0x00280004, "CS", "MONOCHROME1").us(0x00280010, rows).us(0x00280011, columns)
                .us(0x00280100, 8).us(0x00280101, 8).us(0x00280103, 0)
                .element(0x7FE00010, "OB", pixels));

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(DicomRendering.thumbnail(d, 256)));

        assertEquals(256, thumbnail.getWidth());
        assertEquals(128, thumbnail.getHeight());
        // no window in the file: the frame's range 40..200 spans the greys, inverted: 40 is white, 200 black
        assertEquals(255, grey(thumbnail, 40, 64), 3);
        assertEquals(0, grey(thumbnail, 220, 64), 3);
    }

    /** An RGB frame (interleaved) larger than the thumbnail: the quadrants keep their colours and places. */
    @Test
    void largeRgbFrameKeepsItsColoursInPlace() throws IOException {
        int rows = 400;
        int columns = 400;
        byte[] pixels = new byte[rows * columns * 3];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int i = 3 * (y * columns + x);
                pixels[i] = (byte) (x < 200 ? 255 : 0);
                pixels[i + 1] = (byte) (y < 200 ? 0 : 255);
                pixels[i + 2] = (byte) 64;
            }
        }
        DicomInstance d = frame(DicomWriter.of(DicomWriter.EXPLICIT_LE).us(0x00280002, 3)
                .text(0x00280004, "CS", "RGB").us(0x00280006, 0).us(0x00280010, rows).us(0x00280011, columns)
                .us(0x00280100, 8).us(0x00280101, 8).us(0x00280103, 0)
                .element(0x7FE00010, "OB", pixels));

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(DicomRendering.thumbnail(d, 256)));

        assertEquals(256, thumbnail.getWidth());
        assertEquals(256, thumbnail.getHeight());
        assertRgb(thumbnail, 60, 60, 255, 0, 64);
        assertRgb(thumbnail, 200, 60, 0, 0, 64);
        assertRgb(thumbnail, 60, 200, 255, 255, 64);
        assertRgb(thumbnail, 200, 200, 0, 255, 64);
    }

    private static DicomInstance frame(DicomWriter writer) {
        byte[] file = writer.bytes();
        return DicomReader.read(new ByteArrayInputStream(file), file.length, 4 << 20);
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    private static void assertRgb(BufferedImage image, int x, int y, int r, int g, int b) {
        int rgb = image.getRGB(x, y);
        String at = "at " + x + "," + y;
        assertEquals(r, rgb >> 16 & 0xFF, 6, "red " + at);
        assertEquals(g, rgb >> 8 & 0xFF, 6, "green " + at);
        assertEquals(b, rgb & 0xFF, 6, "blue " + at);
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
