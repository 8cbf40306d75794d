package org.mdms.imaging.dicom;

import net.coobird.thumbnailator.Thumbnails;
import org.mdms.imaging.support.PixelBox;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Frame 1 of an instance as a JPEG thumbnail: native monochrome (8/16 bit, rescale, the window from the file, else
 * the frame's min/max; MONOCHROME1 inverted), native 8-bit RGB, and JPEG baseline through the JDK's ImageIO. Which
 * instances can be rendered is decided at upload ({@link #whyNot}), so a stored instance never waits for a
 * thumbnail that cannot come.
 */
final class DicomRendering {

    private static final Set<String> MONOCHROME = Set.of("MONOCHROME1", "MONOCHROME2");

    private DicomRendering() {
    }

    /** null when frame 1 of this instance can be rendered, else why not (the instance's thumbnailNote). */
    static String whyNot(DicomInstance d) {
        String syntax = d.transferSyntaxUid();
        if (d.encapsulated()) {
            return DicomReader.JPEG_BASELINE.equals(syntax) ? null : "transfer syntax " + syntax
                    + " (compressed) is stored but not rendered; thumbnails are made for uncompressed and JPEG "
                    + "baseline (1.2.840.10008.1.2.4.50) instances";
        }
        String photometric = d.get(DicomTag.PHOTOMETRIC_INTERPRETATION);
        Integer bits = d.integer(DicomTag.BITS_ALLOCATED);
        Integer samples = d.integer(DicomTag.SAMPLES_PER_PIXEL);
        if (d.integer(DicomTag.ROWS) == null || d.integer(DicomTag.COLUMNS) == null || bits == null) {
            return "no pixel description (Rows, Columns, BitsAllocated) to render";
        }
        if (MONOCHROME.contains(photometric) && (samples == null || samples == 1) && (bits == 8 || bits == 16)) {
            return null;
        }
        if ("RGB".equals(photometric) && samples != null && samples == 3 && bits == 8) {
            return null;
        }
        return "PhotometricInterpretation " + photometric + " with " + bits + " bits allocated is stored but not "
                + "rendered";
    }

    /**
     * The thumbnail (JPEG bytes, longest side {@code size}) of frame 1 ({@code d.frame()}). A native frame larger than
     * the thumbnail is rendered straight at thumbnail size: each thumbnail pixel is the mean grey (or colour) of the
     * frame pixels it covers, windowed through the table, so no full-size image is built and scaled (issue 16).
     */
    static byte[] thumbnail(DicomInstance d, int size) {
        if (!d.encapsulated()) {
            int rows = d.integer(DicomTag.ROWS);
            int columns = d.integer(DicomTag.COLUMNS);
            int longest = Math.max(rows, columns);
            if (longest > size) {
                int width = Math.max(1, (int) Math.round((double) columns * size / longest));
                int height = Math.max(1, (int) Math.round((double) rows * size / longest));
                return encode(nativeFrame(d, width, height), "jpeg");
            }
        }
        // a JPEG frame, or a frame smaller than the thumbnail (enlarged)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Thumbnails.of(image(d)).size(size, size).outputFormat("jpg").toOutputStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The frame the reader kept ({@code d.frame()}) at full size: grey (windowed) or RGB. */
    static BufferedImage image(DicomInstance d) {
        return d.encapsulated() ? jpeg(d.frame()) : nativeFrame(d);
    }

    /** The image encoded as {@code format} ("jpeg" or "png"). */
    static byte[] encode(BufferedImage image, String format) {
        BufferedImage rgbOrGrey = image;
        if ("jpeg".equals(format) && image.getType() != BufferedImage.TYPE_BYTE_GRAY
                && image.getType() != BufferedImage.TYPE_INT_RGB) {
            // the JDK's JPEG writer refuses alpha and some decoded colour models: draw onto RGB first
            rgbOrGrey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgbOrGrey.createGraphics().drawImage(image, 0, 0, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // cached in memory: ImageIO.write to an OutputStream caches through a temporary file by default
        try (ImageOutputStream target = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(rgbOrGrey, format, target)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage jpeg(byte[] frame) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame));
            if (image == null) {
                throw new IllegalArgumentException("frame 1 is not a JPEG the JDK decodes");
            }
            return image;
        } catch (IOException e) {
            throw new IllegalArgumentException("frame 1 does not decode as JPEG: " + e.getMessage(), e);
        }
    }

    private static BufferedImage nativeFrame(DicomInstance d) {
        return nativeFrame(d, d.integer(DicomTag.COLUMNS), d.integer(DicomTag.ROWS));
    }

    /**
     * Frame 1 at {@code width} x {@code height} (its own size, or smaller): each output pixel is the mean of the frame
     * pixels it covers (a box of whole source rows and columns), after windowing for monochrome.
     */
    private static BufferedImage nativeFrame(DicomInstance d, int width, int height) {
        int rows = d.integer(DicomTag.ROWS);
        int columns = d.integer(DicomTag.COLUMNS);
        byte[] f = d.frame();
        if (f == null) {
            throw new IllegalArgumentException("frame 1 was not found in the pixel data");
        }
        PixelBox box = new PixelBox(columns, rows, width, height);
        if ("RGB".equals(d.get(DicomTag.PHOTOMETRIC_INTERPRETATION))) {
            boolean planar = Integer.valueOf(1).equals(d.integer(DicomTag.PLANAR_CONFIGURATION));
            int plane = rows * columns;
            if ((long) plane * 3 > f.length) {
                throw new IllegalArgumentException("frame 1 has fewer bytes than Rows x Columns x 3");
            }
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] out = ((java.awt.image.DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
            int[] r = new int[width];
            int[] g = new int[width];
            int[] b = new int[width];
            for (int oy = 0; oy < height; oy++) {
                java.util.Arrays.fill(r, 0);
                java.util.Arrays.fill(g, 0);
                java.util.Arrays.fill(b, 0);
                for (int y = box.firstRow(oy); y < box.firstRow(oy + 1); y++) {
                    for (int x = 0, i = y * columns; x < columns; x++, i++) {
                        int ox = box.columns()[x];
                        r[ox] += f[planar ? i : 3 * i] & 0xFF;
                        g[ox] += f[planar ? plane + i : 3 * i + 1] & 0xFF;
                        b[ox] += f[planar ? 2 * plane + i : 3 * i + 2] & 0xFF;
                    }
                }
                for (int ox = 0; ox < width; ox++) {
                    int n = box.count(ox, oy);
                    out[oy * width + ox] = (r[ox] + n / 2) / n << 16 | (g[ox] + n / 2) / n << 8 | (b[ox] + n / 2) / n;
                }
            }
            return rgb;
        }
        int n = rows * columns;
        boolean sixteen = d.integer(DicomTag.BITS_ALLOCATED) == 16;
        if ((long) n * (sixteen ? 2 : 1) > f.length) {
            throw new IllegalArgumentException("frame 1 has fewer bytes than Rows x Columns");
        }
        boolean signed = Integer.valueOf(1).equals(d.integer(DicomTag.PIXEL_REPRESENTATION));
        Integer stored = d.integer(DicomTag.BITS_STORED);
        int bitsStored = stored == null ? (sixteen ? 16 : 8) : Math.min(stored, sixteen ? 16 : 8);
        double slope = d.decimal(DicomTag.RESCALE_SLOPE) == null ? 1 : d.decimal(DicomTag.RESCALE_SLOPE);
        double intercept = d.decimal(DicomTag.RESCALE_INTERCEPT) == null ? 0 : d.decimal(DicomTag.RESCALE_INTERCEPT);
        // each distinct stored value is windowed once (a table over the frame's range of stored values) instead of
        // once per pixel: the same grey as windowing every pixel, because the rescale is monotonic, so its min/max
        // are those of the extreme stored values
        int mask = (1 << bitsStored) - 1;
        int shift = 32 - bitsStored;
        int rawMin = Integer.MAX_VALUE;
        int rawMax = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int raw = (sixteen ? (f[2 * i] & 0xFF) | (f[2 * i + 1] & 0xFF) << 8 : f[i] & 0xFF) & mask;
            if (signed) {
                raw = raw << shift >> shift;
            }
            rawMin = Math.min(rawMin, raw);
            rawMax = Math.max(rawMax, raw);
        }
        double atMin = rawMin * slope + intercept;
        double atMax = rawMax * slope + intercept;
        double min = Math.min(atMin, atMax);
        double max = Math.max(atMin, atMax);
        Double center = d.decimal(DicomTag.WINDOW_CENTER);
        Double windowWidth = d.decimal(DicomTag.WINDOW_WIDTH);
        double low;
        double high;
        if (center != null && windowWidth != null && windowWidth >= 1) {
            low = center - 0.5 - (windowWidth - 1) / 2;
            high = center - 0.5 + (windowWidth - 1) / 2;
        } else {
            low = min;
            high = max;
        }
        boolean invert = "MONOCHROME1".equals(d.get(DicomTag.PHOTOMETRIC_INTERPRETATION));
        int[] greyOf = new int[n == 0 ? 0 : rawMax - rawMin + 1];
        for (int raw = rawMin; raw <= rawMax && n > 0; raw++) {
            double value = raw * slope + intercept;
            double v = high <= low ? 128 : (value - low) / (high - low) * 255;
            int g = (int) Math.round(Math.max(0, Math.min(255, v)));
            greyOf[raw - rawMin] = invert ? 255 - g : g;
        }
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int[] sums = new int[width];
        int[] column = box.columns();
        for (int oy = 0; oy < height; oy++) {
            java.util.Arrays.fill(sums, 0);
            for (int y = box.firstRow(oy); y < box.firstRow(oy + 1); y++) {
                int i = y * columns;
                for (int x = 0; x < columns; x++, i++) {
                    int raw = (sixteen ? (f[2 * i] & 0xFF) | (f[2 * i + 1] & 0xFF) << 8 : f[i] & 0xFF) & mask;
                    if (signed) {
                        raw = raw << shift >> shift;
                    }
                    sums[column[x]] += greyOf[raw - rawMin];
                }
            }
            for (int ox = 0; ox < width; ox++) {
                int count = box.count(ox, oy);
                out[oy * width + ox] = (byte) ((sums[ox] + count / 2) / count);
            }
        }
        return grey;
    }
}
