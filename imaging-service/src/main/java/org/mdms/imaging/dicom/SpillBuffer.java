package org.mdms.imaging.dicom;

import org.mdms.common.DomainException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a received upload waits for the store: in memory up to {@code memoryLimit} bytes (a typical instance, so it
 * is never written to disk and read back), then spilled to a temporary file, so a 500 MB multi-frame instance needs
 * no more heap than the limit. Written once as the body is read; the caller deletes it.
 */
final class SpillBuffer extends OutputStream {

    private final int memoryLimit;
    private Memory memory;
    private Path file;
    private OutputStream fileOut;
    private long size;

    SpillBuffer(int memoryLimit) {
        this(memoryLimit, -1);
    }

    /** {@code expected}: the size announced (Content-Length), or -1; a body up to the limit then needs no regrowth. */
    SpillBuffer(int memoryLimit, long expected) {
        this.memoryLimit = memoryLimit;
        this.memory = new Memory(expected > 0 && expected <= memoryLimit ? (int) expected : 64 * 1024);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memory.size() + len > memoryLimit) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    private void spill() throws IOException {
        try {
            file = Files.createTempFile("mdms-dicom-", ".dcm");
        } catch (IOException e) {
            throw DomainException.unavailable("no room for the upload on this server; try again later", e);
        }
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
        memory.writeTo(fileOut);
        memory = null;
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    long size() {
        return size;
    }

    /** The file, when the body was larger than the memory limit; else null and {@link #bytes()} holds it. */
    Path file() {
        return file;
    }

    /** The bytes received (from the file when it spilled; from memory without a copy otherwise). */
    InputStream open() {
        try {
            return file != null ? Files.newInputStream(file) : memory.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The array holding the body when it was not spilled (its first {@link #size()} bytes), without a copy; null when
     * it went to a file. Nothing writes to it once the body is received, so a render may keep it.
     */
    byte[] memoryBytes() {
        return file == null && memory != null ? memory.buffer() : null;
    }

    /** A ByteArrayOutputStream whose bytes are read back without the copy toByteArray() makes. */
    private static final class Memory extends ByteArrayOutputStream {
        Memory(int initial) {
            super(initial);
        }

        InputStream read() {
            return new ByteArrayInputStream(buf, 0, count);
        }

        byte[] buffer() {
            return buf;
        }
    }

    void delete() {
        try {
            close();
        } catch (IOException ignored) {
            // the file is removed below all the same
        }
        memory = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                org.jboss.logging.Logger.getLogger(SpillBuffer.class).warnf("temporary upload %s not deleted (%s)",
                        file, e);
            }
        }
    }
}
