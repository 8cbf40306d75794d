package org.mdms.imaging.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-pass shrink of photos (issue 16): the decoder's 3-byte BGR raster and an int RGB one give the mean colour
 * of the pixels each output pixel covers, in the right place, at the size Thumbnailator gave (long side = size).
 */
class BoxScaleTest {

    /** 1500x1000 (a 3000x2000 photo decoded at half size): a horizontal ramp of red, blue rows darker below. */
    @Test
    void threeByteBgrShrinksToTheMeanColourInPlace() {
        int w = 1500;
        int h = 1000;
        BufferedImage bgr = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                data[i] = (byte) (y < h / 2 ? 200 : 20);   // blue
                data[i + 1] = (byte) 100;                  // green
                data[i + 2] = (byte) (x * 255 / (w - 1));  // red
            }
        }
        assertTrue(BoxScale.reads(bgr));

        BufferedImage preview = BoxScale.fit(bgr, 1024);

        assertEquals(1024, preview.getWidth());
        assertEquals(683, preview.getHeight());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, preview.getType(), "rows the JPEG writer copies as they are");
        for (int ox : new int[] {0, 300, 700, 1023}) {
            double meanX = (ox * w / 1024.0 + ((ox + 1) * w / 1024.0)) / 2 - 0.5;
            int top = preview.getRGB(ox, 100);
            int bottom = preview.getRGB(ox, 600);
            assertEquals(meanX * 255 / (w - 1), top >> 16 & 0xFF, 2.0, "red at column " + ox);
            assertEquals(100, top >> 8 & 0xFF, "green");
            assertEquals(200, top & 0xFF, "blue above");
            assertEquals(20, bottom & 0xFF, "blue below");
        }
    }

    @Test
    void intRgbShrinksByWholeBoxes() {
        BufferedImage rgb = new BufferedImage(1024, 512, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 1024; x++) {
                rgb.setRGB(x, y, (x % 4 == 0 ? 0xFF0000 : 0) | (y % 2 == 0 ? 0x00FF00 : 0) | 0x40);
            }
        }

        BufferedImage thumbnail = BoxScale.fit(rgb, 256);

        assertEquals(256, thumbnail.getWidth());
        assertEquals(128, thumbnail.getHeight());
        // each output pixel covers 4x4 source pixels: one column in four red, every other row green
        int p = thumbnail.getRGB(100, 50);
        assertEquals(64, p >> 16 & 0xFF, 1);
        assertEquals(128, p >> 8 & 0xFF, 1);
        assertEquals(0x40, p & 0xFF);
    }

    @Test
    void otherRastersAreNotReadDirectly() {
        assertFalse(BoxScale.reads(new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB)));
        assertFalse(BoxScale.reads(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY)));
        assertFalse(BoxScale.reads(new BufferedImage(20, 20, BufferedImage.TYPE_3BYTE_BGR).getSubimage(5, 5, 10, 10)));
    }
}
