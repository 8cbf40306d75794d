package org.mdms.imaging.image;

import jakarta.enterprise.context.ApplicationScoped;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.mdms.imaging.config.ImagingConfig;
import org.mdms.common.DomainException;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The blocking part of an upload: SHA-256 of the bytes, proof that they decode as an allowed image type (whatever
 * the name or declared type says), and the 256 px thumbnail and 1024 px preview as JPEG. Call it off the event loop.
 * <p>
 * Large pictures are decoded with source subsampling, so only about preview-size pixels per side are ever in
 * memory: a 6000x4000 JPEG becomes a 1200x800 raster instead of a 96 MB one.
 */
@ApplicationScoped
public class ImageProcessor {

    /** ImageIO format name -> (content type, file extension). */
    static final Map<String, String[]> ALLOWED = Map.of(
            "jpeg", new String[] {"image/jpeg", "jpg"},
            "png", new String[] {"image/png", "png"},
            "gif", new String[] {"image/gif", "gif"},
            "bmp", new String[] {"image/bmp", "bmp"},
            "tiff", new String[] {"image/tiff", "tif"},
            "webp", new String[] {"image/webp", "webp"});

    private final ImagingConfig config;

    ImageProcessor(ImagingConfig config) {
        this.config = config;
    }

    /** What the upload stores: facts about the original plus the two derived JPEGs, and how long each step took. */
    public record Processed(String sha256, String format, String contentType, String extension, int width, int height,
                            byte[] thumbnail, byte[] preview, long hashNanos, long renderNanos) {
    }

    public Processed process(Path file) {
        return process(file, config.images().previewSize(), config.images().thumbnailSize(), config.images().maxPixels());
    }

    /** The same work without CDI (the benchmark calls it directly). */
    public static Processed process(Path file, int previewSize, int thumbnailSize, long maxPixels) {
        long start = System.nanoTime();
        String sha256 = sha256(file);
        long hashed = System.nanoTime();
        Decoded decoded = decode(file, previewSize, maxPixels);
        byte[] preview;
        byte[] thumbnail;
        try {
            BufferedImage previewImage = fit(decoded.image, previewSize);
            preview = jpeg(previewImage);
            thumbnail = jpeg(fit(previewImage, thumbnailSize));
        } catch (IOException e) {
            throw new DomainException(415, "Unsupported image", "the image could not be rendered: " + e.getMessage());
        }
        long rendered = System.nanoTime();
        String[] type = ALLOWED.get(decoded.format);
        return new Processed(sha256, decoded.format, type[0], type[1], decoded.width, decoded.height, thumbnail, preview,
                hashed - start, rendered - hashed);
    }

    /** What an async-mode upload learns without decoding the pixels: hash, format and (upright) dimensions. */
    public record Inspected(String sha256, String format, String contentType, String extension, int width, int height,
                            long hashNanos, long inspectNanos) {
    }

    public Inspected inspect(Path file) {
        return inspect(file, config.images().maxPixels());
    }

    /**
     * The cheap half of {@link #process}: SHA-256 plus the image header read by the ImageIO reader of the detected
     * format (type, dimensions, EXIF orientation); refuses unknown or garbled formats with 415 like process() does.
     * Pixel data is not decoded, so a file that is truncated after a valid header passes here and fails later in
     * {@link #render}.
     */
    public static Inspected inspect(Path file, long maxPixels) {
        long start = System.nanoTime();
        String sha256 = sha256(file);
        long hashed = System.nanoTime();
        Decoded header = read(Source.of(file), 0, maxPixels, false);
        long inspected = System.nanoTime();
        String[] type = ALLOWED.get(header.format);
        return new Inspected(sha256, header.format, type[0], type[1], header.width, header.height, hashed - start,
                inspected - hashed);
    }

    /** {@link #inspect(Path, long)} of a body held in memory: the same hash and header checks, no disk read. */
    public Inspected inspect(byte[] bytes, int length) {
        long start = System.nanoTime();
        MessageDigest digest = sha256Digest();
        digest.update(bytes, 0, length);
        String sha256 = HexFormat.of().formatHex(digest.digest());
        long hashed = System.nanoTime();
        Decoded header = read(Source.of(bytes, length), 0, config.images().maxPixels(), false);
        long inspected = System.nanoTime();
        String[] type = ALLOWED.get(header.format);
        return new Inspected(sha256, header.format, type[0], type[1], header.width, header.height, hashed - start,
                inspected - hashed);
    }

    /** The derived JPEGs of a stored original: [preview, thumbnail]. 415 DomainException when it cannot be decoded. */
    public byte[][] render(Path file) {
        return render(Source.of(file));
    }

    /** {@link #render(Path)} of an original handed over in memory. */
    public byte[][] render(byte[] bytes, int length) {
        return render(Source.of(bytes, length));
    }

    private byte[][] render(Source source) {
        Decoded decoded = read(source, config.images().previewSize(), config.images().maxPixels(), true);
        try {
            BufferedImage previewImage = fit(decoded.image, config.images().previewSize());
            return new byte[][] {jpeg(previewImage), jpeg(fit(previewImage, config.images().thumbnailSize()))};
        } catch (IOException e) {
            throw new DomainException(415, "Unsupported image", "the image could not be rendered: " + e.getMessage());
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the uploaded file", e);
        }
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Decoded(String format, int width, int height, BufferedImage image) {
    }

    /** Where an image is read from: a file (the upload's temporary file) or bytes held in memory. */
    private interface Source {
        ImageInputStream open() throws IOException;

        /** EXIF orientation of a JPEG, null when it has none or cannot be read. */
        Orientation exifOrientation();

        static Source of(Path file) {
            return new Source() {
                public ImageInputStream open() throws IOException {
                    return ImageIO.createImageInputStream(file.toFile());
                }

                public Orientation exifOrientation() {
                    return ExifOrientation.of(file);
                }
            };
        }

        static Source of(byte[] bytes, int length) {
            return new Source() {
                public ImageInputStream open() {
                    return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, length));
                }

                public Orientation exifOrientation() {
                    try {
                        return ExifOrientation.of(new ByteArrayInputStream(bytes, 0, length));
                    } catch (IOException | RuntimeException e) {
                        return null;
                    }
                }
            };
        }
    }

    /** Decodes just enough pixels for a picture of {@code target} px on its long side, EXIF orientation applied. */
    static Decoded decode(Path file, int target, long maxPixels) {
        return read(Source.of(file), target, maxPixels, true);
    }

    /** With {@code pixels} false only the header and metadata are read (image is null). */
    private static Decoded read(Source source, int target, long maxPixels, boolean pixels) {
        try (ImageInputStream input = source.open()) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw notAnImage("the file is not an image of an allowed type (JPEG, PNG, GIF, BMP, TIFF"
                        + (webpAvailable() ? ", WebP)" : ")"));
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase();
                if (format.equals("jpg")) {
                    format = "jpeg";
                } else if (format.equals("tif")) {
                    format = "tiff";
                }
                if (!ALLOWED.containsKey(format)) {
                    throw notAnImage("images of type " + format + " are not accepted");
                }
                reader.setInput(input, true, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0) {
                    throw notAnImage("the image has no pixels");
                }
                if ((long) width * height > maxPixels) {
                    throw notAnImage("the image has " + width + "x" + height + " pixels, more than the "
                            + maxPixels + " accepted");
                }
                if (!pixels) {
                    Orientation orientation = orientation(source, format);
                    boolean turned = orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
                    return new Decoded(format, turned ? height : width, turned ? width : height, null);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int factor = Math.max(1, Math.max(width, height) / target);
                if (factor > 1) {
                    param.setSourceSubsampling(factor, factor, 0, 0);
                }
                // the JPEG decoder fills a cut-off file with grey and only warns; a truncated upload is refused
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((imageReader, warning) -> warnings.add(warning));
                BufferedImage raster = reader.read(0, param);
                if (warnings.stream().anyMatch(w -> w.contains("Truncated") || w.contains("Premature end"))) {
                    throw notAnImage("the image is truncated: its data ends before the picture does ("
                            + String.join("; ", warnings) + ")");
                }
                Orientation orientation = orientation(source, format);
                boolean turned = orientation != null && orientation != Orientation.TOP_LEFT;
                // a decoded JPEG's 3-byte BGR raster is scaled as it is (BoxScale); others become INT_RGB first
                BufferedImage rgb = !turned && BoxScale.reads(raster) ? raster : toRgb(raster);
                if (turned) {
                    rgb = ExifFilterUtils.getFilterForOrientation(orientation).apply(rgb);
                    if (orientation.ordinal() >= Orientation.LEFT_TOP.ordinal()) { // 90° turns swap the sides
                        int swap = width;
                        width = height;
                        height = swap;
                    }
                }
                return new Decoded(format, width, height, rgb);
            } finally {
                reader.dispose();
            }
        } catch (DomainException e) {
            throw e;
        } catch (IIOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Unsupported Image Type") || message.contains("Unsupported JPEG process")) {
                throw notAnImage("this JPEG uses a colour model that is not supported (CMYK/YCCK or 12-bit); "
                        + "save it as an RGB or greyscale JPEG or PNG");
            }
            throw notAnImage("the file could not be decoded as an image: " + message);
        } catch (IOException | RuntimeException e) {
            throw notAnImage("the file could not be decoded as an image: " + e.getMessage());
        }
    }

    /** EXIF orientation of a JPEG (null for other formats, or a missing or broken EXIF block). */
    private static Orientation orientation(Source source, String format) {
        return format.equals("jpeg") ? source.exifOrientation() : null;
    }

    /** Any raster (grey, 16-bit, indexed, with alpha) drawn onto an opaque 8-bit RGB canvas, white behind alpha. */
    static BufferedImage toRgb(BufferedImage source) {
        if (source.getType() == BufferedImage.TYPE_INT_RGB) {
            return source;
        }
        BufferedImage rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Scales down to at most {@code size} px on the long side; small pictures are kept as they are. An opaque RGB
     * raster is shrunk in one pass by {@link BoxScale}, anything else by Thumbnailator.
     */
    static BufferedImage fit(BufferedImage image, int size) throws IOException {
        if (Math.max(image.getWidth(), image.getHeight()) <= size) {
            return image;
        }
        if (BoxScale.reads(image)) {
            return BoxScale.fit(image, size);
        }
        return Thumbnails.of(image).size(size, size).keepAspectRatio(true).asBufferedImage();
    }

    /** JPEG at quality 0.85, written straight from the raster (INT_RGB or 3-byte BGR here: no copy first). */
    static byte[] jpeg(BufferedImage image) throws IOException {
        BufferedImage opaque = image.getType() == BufferedImage.TYPE_INT_RGB
                || image.getType() == BufferedImage.TYPE_3BYTE_BGR ? image : toRgb(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream target = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(target);
            writer.write(null, new IIOImage(opaque, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static boolean webpAvailable() {
        return ImageIO.getImageReadersByFormatName("webp").hasNext();
    }

    private static DomainException notAnImage(String detail) {
        return new DomainException(415, "Unsupported Media Type", detail);
    }
}
