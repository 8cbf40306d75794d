package org.mdms.imaging.image;

import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.TestImages;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The upload's own EXIF orientation reader against ImageIO's metadata as read by Thumbnailator (the reader it
 * replaces on the upload path), for both byte orders, every orientation, and broken or missing EXIF blocks.
 */
class ExifOrientationTest {

    @Test
    void everyOrientationInBothByteOrdersMatchesImageIo() throws IOException {
        for (boolean littleEndian : new boolean[] {false, true}) {
            for (int value = 1; value <= 8; value++) {
                byte[] jpeg = TestImages.withExif(TestImages.jpeg(40, 20), tiff(littleEndian, value, 3));
                Orientation expected = ExifUtils.getExifOrientation(reader(jpeg), 0);
                assertEquals(Orientation.typeOf(value), expected, "ImageIO's view of the test file");
                assertEquals(expected, ExifOrientation.of(new ByteArrayInputStream(jpeg)),
                        (littleEndian ? "II" : "MM") + " orientation " + value);
            }
        }
    }

    @Test
    void aFileOnDiskIsReadTheSameWay() throws IOException {
        Path file = Files.createTempFile("exif", ".jpg");
        try {
            Files.write(file, TestImages.jpegWithOrientation6(60, 20));
            assertEquals(Orientation.RIGHT_TOP, ExifOrientation.of(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void noOrBrokenExifMeansNoOrientation() throws IOException {
        assertNull(ExifOrientation.of(new ByteArrayInputStream(TestImages.jpeg(40, 20))), "plain JPEG");
        assertNull(ExifOrientation.of(new ByteArrayInputStream(TestImages.withExif(TestImages.jpeg(40, 20),
                tiff(false, 9, 3)))), "value out of range");
        assertNull(ExifOrientation.of(new ByteArrayInputStream(TestImages.withExif(TestImages.jpeg(40, 20),
                tiff(false, 6, 2)))), "ASCII instead of SHORT");
        byte[] garbled = tiff(true, 6, 3);
        garbled[4] = 120; // IFD offset past the end
        assertNull(ExifOrientation.of(new ByteArrayInputStream(TestImages.withExif(TestImages.jpeg(40, 20), garbled))),
                "IFD outside the block");
        assertNull(ExifOrientation.of(new ByteArrayInputStream("not a jpeg".getBytes())), "not a JPEG");
        assertNull(ExifOrientation.of(Path.of("/nonexistent/file.jpg")), "unreadable file");
    }

    private static ImageReader reader(byte[] jpeg) throws IOException {
        ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg));
        ImageReader reader = ImageIO.getImageReaders(in).next();
        reader.setInput(in);
        return reader;
    }

    /** A TIFF block with IFD0 holding one Orientation entry of the given type. */
    private static byte[] tiff(boolean littleEndian, int value, int type) {
        byte[] b = new byte[26];
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        buf.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        buf.putShort((short) 42).putInt(8);
        buf.putShort((short) 1);
        buf.putShort((short) 0x0112).putShort((short) type).putInt(1).putShort((short) value).putShort((short) 0);
        buf.putInt(0);
        return b;
    }
}
