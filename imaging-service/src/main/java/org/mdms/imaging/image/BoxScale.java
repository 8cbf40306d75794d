package org.mdms.imaging.image;

import org.mdms.imaging.support.PixelBox;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.util.Arrays;

/**
 * Shrinks an opaque RGB picture to at most {@code size} px on its long side in one pass: each output pixel is the mean
 * of the source pixels it covers (output column {@code ox} covers source columns [ox*w/ow, (ox+1)*w/ow), rows
 * likewise). Reads the decoder's 3-byte BGR raster as it is, so a decoded JPEG needs no copy into an int raster
 * first (issue 16: the copy and Thumbnailator's two-step scaling cost a third of a photo's render). Writes 3-byte
 * BGR too: the JPEG writer copies such rows as they are, where an int raster went through its per-sample copy
 * (most of the Java time of writing the preview).
 */
final class BoxScale {

    private BoxScale() {
    }

    /** Whether {@link #fit} reads this picture's pixels directly (else convert it to TYPE_INT_RGB first). */
    static boolean reads(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB && plainInts(image)
                || image.getType() == BufferedImage.TYPE_3BYTE_BGR && plainBgr(image);
    }

    /** The picture shrunk to at most {@code size} px on its long side (TYPE_3BYTE_BGR); never enlarged. */
    static BufferedImage fit(BufferedImage image, int size) {
        int w = image.getWidth();
        int h = image.getHeight();
        int longest = Math.max(w, h);
        if (longest <= size) {
            throw new IllegalArgumentException("a picture is only shrunk");
        }
        int ow = Math.max(1, (int) Math.round((double) w * size / longest));
        int oh = Math.max(1, (int) Math.round((double) h * size / longest));
        int[] ints = image.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : null;
        byte[] bgr = ints == null ? ((DataBufferByte) image.getRaster().getDataBuffer()).getData() : null;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] o = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        PixelBox box = new PixelBox(w, h, ow, oh);
        int[] column = box.columns();
        int[] r = new int[ow];
        int[] g = new int[ow];
        int[] b = new int[ow];
        for (int oy = 0; oy < oh; oy++) {
            Arrays.fill(r, 0);
            Arrays.fill(g, 0);
            Arrays.fill(b, 0);
            int y0 = box.firstRow(oy);
            int y1 = box.firstRow(oy + 1);
            for (int y = y0; y < y1; y++) {
                if (ints != null) {
                    for (int x = 0, i = y * w; x < w; x++, i++) {
                        int v = ints[i];
                        int c = column[x];
                        r[c] += v >> 16 & 0xFF;
                        g[c] += v >> 8 & 0xFF;
                        b[c] += v & 0xFF;
                    }
                } else {
                    for (int x = 0, i = 3 * y * w; x < w; x++, i += 3) {
                        int c = column[x];
                        b[c] += bgr[i] & 0xFF;
                        g[c] += bgr[i + 1] & 0xFF;
                        r[c] += bgr[i + 2] & 0xFF;
                    }
                }
            }
            for (int ox = 0, i = 3 * oy * ow; ox < ow; ox++, i += 3) {
                int n = box.count(ox, oy);
                o[i] = (byte) ((b[ox] + n / 2) / n);
                o[i + 1] = (byte) ((g[ox] + n / 2) / n);
                o[i + 2] = (byte) ((r[ox] + n / 2) / n);
            }
        }
        return out;
    }

    private static boolean plainInts(BufferedImage image) {
        return image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel m
                && m.getScanlineStride() == image.getWidth() && image.getRaster().getDataBuffer().getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0;
    }

    private static boolean plainBgr(BufferedImage image) {
        return image.getRaster().getSampleModel() instanceof ComponentSampleModel m
                && m.getPixelStride() == 3 && m.getScanlineStride() == 3 * image.getWidth()
                && Arrays.equals(m.getBandOffsets(), new int[] {2, 1, 0})
                && image.getRaster().getDataBuffer().getOffset() == 0
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0;
    }
}
