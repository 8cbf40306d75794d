package org.mdms.imaging.dicom;

import org.mdms.common.DomainException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/related} body (RFC 2387, the STOW-RS request of PS3.18 10.5) read part by part as a stream: each
 * part's body is an InputStream that ends at the next boundary, so no part is held whole by the parser. Structural
 * faults (no boundary, headers without end, a body cut before the closing boundary) are 400s naming {@code body}.
 */
final class MultipartRelated {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its headers (names lower case) and its body, to be read before asking for the next part. */
    record Part(Map<String, String> headers, InputStream body) {

        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    MultipartRelated(InputStream body, String boundary) {
        // the first boundary has no CRLF before it: give it one, and the preamble becomes a part to discard
        this.in = new SequenceInputStream(new ByteArrayInputStream("\r\n".getBytes(StandardCharsets.US_ASCII)), body);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.buffer = new byte[64 * 1024 + delimiter.length];
        this.current = new PartStream();
    }

    /** The boundary parameter of a Content-Type, unquoted; a 400 when absent. */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 70) {
                    return b;
                }
            }
        }
        throw DomainException.invalid("Content-Type", "multipart/related needs a boundary parameter (1-70 "
                + "characters)");
    }

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        current.drain();
        if (finished) {
            return null;
        }
        // after a delimiter: "--" closes the body; otherwise transport padding up to CRLF, then the headers
        if (!ensure(2)) {
            throw broken("the body ends right after a boundary");
        }
        if (buffer[start] == '-' && buffer[start + 1] == '-') {
            finished = true;
            return null;
        }
        String line = line();
        if (!line.isBlank()) {
            throw broken("unexpected text after a boundary");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        for (String header = line(); !header.isEmpty(); header = line()) {
            headerBytes += header.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw broken("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        current = new PartStream();
        return new Part(headers, current);
    }

    /** A header line up to CRLF (without it). */
    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (!ensure(1)) {
                throw broken("the body ends inside a part's headers");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                byte[] bytes = out.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            if (out.size() > MAX_HEADER_BYTES) {
                throw broken("a part's header line is longer than " + MAX_HEADER_BYTES + " bytes");
            }
            out.write(b);
        }
    }

    /** At least {@code n} bytes buffered (false at the end of the body). */
    private boolean ensure(int n) throws IOException {
        while (end - start < n && !eof) {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            int got = in.read(buffer, end, buffer.length - end);
            if (got < 0) {
                eof = true;
            } else {
                end += got;
            }
        }
        return end - start >= n;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static DomainException broken(String why) {
        return DomainException.invalid("body", "not a well-formed multipart/related body: " + why);
    }

    /** The bytes of one part, up to the next delimiter (which it consumes). */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            ensure(delimiter.length);
            int at = indexOfDelimiter();
            int available;
            if (at >= 0) {
                available = at - start;
                if (available == 0) {
                    start += delimiter.length;
                    done = true;
                    return -1;
                }
            } else {
                // keep what could be the beginning of a delimiter until more bytes arrive
                available = end - start - (delimiter.length - 1);
                if (available <= 0) {
                    if (eof) {
                        throw broken("the body ends before the closing boundary");
                    }
                    available = 0;
                }
            }
            if (available == 0) {
                // the buffer holds only a possible delimiter prefix: read more
                int before = end - start;
                ensure(before + 1);
                return read(b, off, len);
            }
            int n = Math.min(len, available);
            System.arraycopy(buffer, start, b, off, n);
            start += n;
            return n;
        }

        void drain() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // discard the rest of a part its reader did not consume
            }
        }
    }
}
