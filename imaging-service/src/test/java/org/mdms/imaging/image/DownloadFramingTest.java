package org.mdms.imaging.image;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image bytes, thumbnails, previews and their errors, read as a strict client reads them: the raw response head
 * over a socket must carry exactly one of Content-Length and Transfer-Encoding (RFC 9112 section 6.3), and the
 * bytes are served to a client that accepts image/* as well as to one that accepts anything.
 */
@QuarkusTest
class DownloadFramingTest {

    private static long image;
    private static long othersPrivate;
    private static final byte[] JPEG = org.mdms.imaging.support.TestImages.jpeg(320, 200);

    /** Once per class, but in @BeforeEach: RestAssured points at the app only once Quarkus has started. */
    @BeforeEach
    void upload() {
        if (image != 0) {
            return;
        }
        java.util.Map<String, String> fields = Api.fields(Peers.patientP(), "DIAGNOSTIC_IMAGE");
        Number id = Api.upload("admin", JPEG, "scan.jpg", "image/jpeg", fields).then().statusCode(201)
                .extract().path("id");
        image = id.longValue();
        othersPrivate = Api.uploadJpeg("admin", Peers.patientQ(), "PRIVATE");
    }

    record Answer(int status, List<String> head, byte[] body) {
        List<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).trim()).toList();
        }
    }

    @Test
    void everyImageAnswerHasExactlyOneFraming() throws IOException {
        for (String variant : List.of("content", "thumbnail", "preview")) {
            Answer ok = get("/api/v1/images/" + image + "/" + variant, "admin", "image/*");
            assertEquals(200, ok.status(), variant + " " + ok.head());
            assertOneFraming(variant, ok);
            assertTrue(ok.header("Content-Type").get(0).startsWith("image/jpeg"), variant + " " + ok.head());

            Answer missing = get("/api/v1/images/999999999/" + variant, "admin", "*/*");
            assertEquals(404, missing.status(), variant + " " + missing.head());
            assertOneFraming(variant + " 404", missing);
            assertTrue(new String(missing.body(), StandardCharsets.UTF_8).contains("\"status\":404"));

            Answer denied = get("/api/v1/images/" + othersPrivate + "/" + variant, "patient", "*/*");
            assertEquals(403, denied.status(), variant + " " + denied.head());
            assertOneFraming(variant + " 403", denied);
        }
        Answer original = get("/api/v1/images/" + image + "/content", "admin", "*/*");
        assertArrayEquals(JPEG, original.body(), "the bytes uploaded come back unchanged");
    }

    @Test
    void theDownloadAnswersAClientThatAcceptsImagesOrAnything() throws IOException {
        for (String accept : List.of("image/*", "image/jpeg", "*/*", "application/octet-stream")) {
            Answer answer = get("/api/v1/images/" + image + "/content", "admin", accept);
            assertEquals(200, answer.status(), accept + " " + answer.head());
            assertArrayEquals(JPEG, answer.body(), accept);
        }
    }

    private static void assertOneFraming(String what, Answer answer) {
        List<String> length = answer.header("Content-Length");
        List<String> encoding = answer.header("Transfer-Encoding");
        assertEquals(1, length.size() + encoding.size(), what + ": exactly one framing header in " + answer.head());
        if (!length.isEmpty()) {
            assertEquals(Integer.parseInt(length.get(0)), answer.body().length, what + ": body as long as announced");
        }
    }

    /** A GET over a plain socket, reading the whole answer (Connection: close) and de-chunking if needed. */
    private static Answer get(String path, String user, String accept) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Peers.bearer(user)
                    + "\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] all = readAll(socket.getInputStream());
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(end > 0, "a complete response head");
            List<String> head = new ArrayList<>(Arrays.asList(
                    new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")));
            int status = Integer.parseInt(head.get(0).split(" ")[1]);
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            Answer raw = new Answer(status, head, body);
            if (raw.header("Transfer-Encoding").contains("chunked")) {
                body = dechunk(body);
            }
            return new Answer(status, head, body);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'}) + at;
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0]
                    .trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
