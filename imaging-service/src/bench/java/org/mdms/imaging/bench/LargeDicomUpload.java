package org.mdms.imaging.bench;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.mdms.imaging.bench.DicomBytes.tag;
import static org.mdms.imaging.bench.DicomBytes.text;
import static org.mdms.imaging.bench.DicomBytes.u16;
import static org.mdms.imaging.bench.DicomBytes.u32;
import static org.mdms.imaging.bench.DicomBytes.us;

/**
 * Issue 16's memory point: one multi-frame DICOM instance of about {@code megabytes} MB, generated while it is sent
 * (never held whole by this client either), uploaded to an imaging-service started with a small heap. Prints the
 * status, the time, and whether the SHA-256 the service computed is the one of the bytes sent.
 * <p>
 * Args: imagingUrl patientUrl megabytes
 */
public final class LargeDicomUpload {

    private static final int ROWS = 1024;
    private static final int COLUMNS = 1024;

    private LargeDicomUpload() {
    }

    public static void main(String[] args) throws Exception {
        String imaging = args[0];
        String patient = args[1];
        int megabytes = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = UploadBench.login(http, patient, "admin");
        long run = System.currentTimeMillis();
        String mrn = "BENCH-BIG-" + run;
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(patient + "/api/v1/patients"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mrn\":\"" + mrn + "\",\"name\":\"基准 大文件\","
                        + "\"gender\":\"MALE\",\"birthDate\":\"1970-01-01\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("patient: " + created.statusCode() + " " + created.body());
        }
        int frameBytes = ROWS * COLUMNS * 2;
        int frames = Math.max(1, (int) ((long) megabytes * 1024 * 1024 / frameBytes));
        long pixelBytes = (long) frames * frameBytes;
        String study = "1.2.826.0.1.3680043.8.498." + run;
        byte[] header = header(mrn, study, frames, pixelBytes);
        long length = header.length + pixelBytes;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(header);
        // the pixels: a repeating pattern, generated as they are read
        InputStream pixels = new InputStream() {
            private long sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= pixelBytes) {
                    return -1;
                }
                int n = (int) Math.min(len, pixelBytes - sent);
                for (int i = 0; i < n; i++) {
                    long p = sent + i;
                    b[off + i] = (byte) ((p & 1) == 0 ? (p >> 1) % 1024 : ((p >> 1) % 1024) >> 8 | 0x01);
                }
                sha.update(b, off, n);
                sent += n;
                return n;
            }
        };
        InputStream body = new SequenceInputStream(new java.io.ByteArrayInputStream(header), pixels);
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(imaging + "/api/v1/dicom/instances"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        length)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        String sent = HexFormat.of().formatHex(sha.digest());
        Matcher m = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(r.body());
        String stored = m.find() ? m.group(1) : "none";
        System.out.printf("BENCH large DICOM upload: %d frames, %.0f MB, heap -Xmx of the service %s: status %d in %.1f s "
                        + "(%.0f MB/s), SHA-256 %s%n", frames, length / 1048576.0, System.getProperty("bench.xmx", "?"),
                r.statusCode(), seconds, length / 1048576.0 / seconds, sent.equals(stored) ? "matches" : "DIFFERS ("
                        + r.body().substring(0, Math.min(300, r.body().length())) + ")");
    }

    private static byte[] header(String mrn, String study, int frames, long pixelBytes) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        text(data, 0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2");
        text(data, 0x00080018, "UI", even(study + ".1.1"));
        text(data, 0x00080060, "CS", "CT");
        text(data, 0x00100020, "LO", even(mrn));
        text(data, 0x0020000D, "UI", even(study));
        text(data, 0x0020000E, "UI", even(study + ".1"));
        us(data, 0x00280002, 1);
        text(data, 0x00280004, "CS", "MONOCHROME2 ");
        text(data, 0x00280008, "IS", even(Integer.toString(frames)));
        us(data, 0x00280010, ROWS);
        us(data, 0x00280011, COLUMNS);
        us(data, 0x00280100, 16);
        us(data, 0x00280101, 12);
        us(data, 0x00280103, 0);
        tag(data, 0x7FE00010);
        data.writeBytes("OW".getBytes(StandardCharsets.US_ASCII));
        u16(data, 0);
        u32(data, pixelBytes);
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        text(meta, 0x00020010, "UI", "1.2.840.10008.1.2.1\0");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[128]);
        file.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        tag(file, 0x00020000);
        file.writeBytes("UL".getBytes(StandardCharsets.US_ASCII));
        u16(file, 4);
        u32(file, meta.size());
        file.writeBytes(meta.toByteArray());
        file.writeBytes(data.toByteArray());
        return file.toByteArray();
    }

    private static String even(String s) {
        return s.length() % 2 == 0 ? s : s + " ";
    }
}
