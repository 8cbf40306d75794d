package org.mdms.imaging.support;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Pictures made on the fly for the tests (and the benchmark): real encoded bytes, nothing mocked. */
public final class TestImages {

    private TestImages() {
    }

    public static BufferedImage picture(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20, 60, 120), width, height, new Color(230, 200, 120)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(Math.max(1, width / 4)),
                    1 + random.nextInt(Math.max(1, height / 4)));
        }
        g.dispose();
        return image;
    }

    /** A picture with fine noise so JPEG cannot squeeze it much (the benchmark's ~1 MB 3000x2000). */
    public static BufferedImage noisy(int width, int height, long seed, int amplitude) {
        BufferedImage image = picture(width, height, seed);
        Random random = new Random(seed);
        WritableRaster raster = image.getRaster();
        int[] px = new int[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.getPixel(x, y, px);
                for (int c = 0; c < 3; c++) {
                    px[c] = Math.max(0, Math.min(255, px[c] + random.nextInt(2 * amplitude + 1) - amplitude));
                }
                raster.setPixel(x, y, px);
            }
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(int width, int height) {
        return jpeg(picture(width, height, width * 31L + height), 0.85f);
    }

    public static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, 7), "png");
    }

    /** 16 bits per sample greyscale PNG. */
    public static byte[] grey16Png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, (x * 65535) / Math.max(1, width - 1));
            }
        }
        return encode(image, "png");
    }

    public static byte[] greyJpeg(int width, int height) {
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(picture(width, height, 3), 0, 0, null);
        g.dispose();
        return jpeg(grey, 0.9f);
    }

    /**
     * A JPEG of {@code width}x{@code height} carrying an EXIF block that says "rotate 90° clockwise to view"
     * (orientation 6), inserted right after the JFIF APP0 segment.
     */
    public static byte[] jpegWithOrientation6(int width, int height) {
        byte[] tiff = {
                'M', 'M', 0, 42, 0, 0, 0, 8,          // big-endian TIFF header, first IFD at 8
                0, 1,                                 // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, // Orientation (0x0112), SHORT, 1, value 6
                0, 0, 0, 0};                          // no next IFD
        return withExif(jpeg(width, height), tiff);
    }

    /** The JPEG with an APP1 "Exif" segment holding {@code tiff}, inserted right after its JFIF APP0 segment. */
    public static byte[] withExif(byte[] plain, byte[] tiff) {
        int app0Length = ((plain[4] & 0xff) << 8) | (plain[5] & 0xff);
        int insertAt = 4 + app0Length;
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int segmentLength = 2 + exifHeader.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, insertAt);
        out.write(0xFF);
        out.write(0xE1);
        out.write(segmentLength >> 8);
        out.write(segmentLength & 0xff);
        out.write(exifHeader, 0, exifHeader.length);
        out.write(tiff, 0, tiff.length);
        out.write(plain, insertAt, plain.length - insertAt);
        return out.toByteArray();
    }

    /** A 4-channel (CMYK) JPEG, as scanners and print workflows produce. */
    public static byte[] cmykJpeg(int width, int height) {
        try {
            WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE,
                    width, height, 4, null);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int b = 0; b < 4; b++) {
                        raster.setSample(x, y, b, (x * (b + 1) + y) & 0xff);
                    }
                }
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
