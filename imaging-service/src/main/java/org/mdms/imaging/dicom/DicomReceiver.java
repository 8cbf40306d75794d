package org.mdms.imaging.dicom;

import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.imaging.config.ImagingConfig;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a DICOM upload's body once: hashed, parsed by {@link DicomReader} and kept in a {@link SpillBuffer} (memory up
 * to {@code mdms.dicom.memory-limit}, then a temporary file) for the store, bounded by the size limit. Broken or
 * unread files become problem+json naming where.
 */
@ApplicationScoped
public class DicomReceiver {

    /** The body as received: where it waits (memory or a spilled file), its SHA-256, and what the reader found. */
    public record Received(SpillBuffer body, long size, String sha256, DicomInstance dicom) {

        public void discard() {
            body.delete();
        }
    }

    private final ImagingConfig config;

    DicomReceiver(ImagingConfig config) {
        this.config = config;
    }

    /**
     * Blocking (the resource runs it on a worker thread). One pass over the body: the reader parses it while it is
     * hashed and copied into a {@link SpillBuffer} (memory up to {@code mdms.dicom.memory-limit}, then a temporary
     * file), bounded by the size limit. {@code declaredLength} is the Content-Length, or -1 when unknown (chunked,
     * a STOW-RS part): then the body is buffered first and parsed from the buffer. The caller discards it.
     */
    public Received receive(InputStream body, long declaredLength) {
        long max = config.images().maxSize().asLongValue();
        if (declaredLength > max) {
            throw tooLarge(max);
        }
        if (declaredLength == 0) {
            throw DomainException.invalid("file", "the body is empty; send one DICOM Part 10 file");
        }
        SpillBuffer buffer = new SpillBuffer((int) Math.min(Integer.MAX_VALUE - 16, config.dicom().memoryLimit()
                .asLongValue()), declaredLength);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            DicomInstance dicom;
            long size;
            if (declaredLength > 0) {
                // the reader's many small reads come from a buffer above the tee, which sees each byte once
                try (InputStream tee = new BufferedInputStream(new TeeInputStream(new DigestInputStream(body, sha),
                        buffer), 65536)) {
                    dicom = DicomReader.read(tee, declaredLength, 0);
                }
                size = buffer.size();
            } else {
                try (OutputStream out = new DigestOutputStream(buffer, sha)) {
                    byte[] chunk = new byte[65536];
                    long total = 0;
                    for (int n; (n = body.read(chunk)) >= 0; ) {
                        total += n;
                        if (total > max) {
                            throw tooLarge(max);
                        }
                        out.write(chunk, 0, n);
                    }
                }
                size = buffer.size();
                if (size == 0) {
                    throw DomainException.invalid("file", "the body is empty; send one DICOM Part 10 file");
                }
                try (InputStream in = new BufferedInputStream(buffer.open(), 65536)) {
                    dicom = DicomReader.read(in, size, 0);
                }
            }
            return new Received(buffer, size, HexFormat.of().formatHex(sha.digest()), dicom);
        } catch (DicomFormatException e) {
            buffer.delete();
            throw problem(e);
        } catch (IOException e) {
            buffer.delete();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buffer.delete();
            throw e;
        } catch (NoSuchAlgorithmException e) {
            buffer.delete();
            throw new IllegalStateException(e);
        }
    }

    private static DomainException tooLarge(long max) {
        return new DomainException(413, "Content Too Large", "file: more than the " + max + " bytes allowed",
                List.of(new DomainException.FieldError("file", "larger than " + max + " bytes")), null);
    }

    /** Copies what is read from {@code in} into {@code copy}: the reader's one pass also fills the buffer. */
    private static final class TeeInputStream extends java.io.FilterInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
            int got = read(scratch, 0, (int) Math.min(scratch.length, n));
            return Math.max(0, got);
        }

        @Override
        public void close() throws IOException {
            copy.close();
        }
    }

    /** The reader's finding as problem+json: 415 not a file this service reads, 400 a broken one; names where. */
    static DomainException problem(DicomFormatException e) {
        return new DomainException(e.status(), e.status() == 415 ? "Unsupported Media Type" : "Bad Request",
                e.getMessage(), List.of(new DomainException.FieldError(e.where(), e.getMessage())));
    }
}
