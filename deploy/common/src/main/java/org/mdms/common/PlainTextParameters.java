package org.mdms.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every query and path parameter of the API is UTF-8 text without control characters, or the request is refused
 * (400 naming each parameter) before any resource sees it: the HTTP layer would otherwise turn bytes that are not
 * UTF-8 into U+FFFD and a parser's trim() would drop a trailing NUL, so a reason or a date sent broken would be
 * silently read as another one. Every service gets this rule from mdms-common.
 */
public class PlainTextParameters {

    public static final String MESSAGE = "must be UTF-8 text without control characters";

    @ServerRequestFilter
    public void refuseBrokenText(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        List<DomainException.FieldError> errors = new ArrayList<>();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decodeLeniently(equals < 0 ? pair : pair.substring(0, equals));
                if (equals >= 0 && !plainText(pair.substring(equals + 1), true)) {
                    errors.add(new DomainException.FieldError(name, MESSAGE));
                }
            }
        }
        // path parameters come decoded only (bytes that are not UTF-8 as U+FFFD)
        for (Map.Entry<String, List<String>> path : request.getUriInfo().getPathParameters().entrySet()) {
            if (path.getValue().stream().anyMatch(value -> !plainText(value))) {
                errors.add(new DomainException.FieldError(path.getKey(), MESSAGE));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(DomainException.FieldError::field));
            throw DomainException.invalid(errors.stream().distinct().toList());
        }
    }

    /**
     * Whether a value the HTTP layer already decoded (a form field) is plain text: no control character and no
     * U+FFFD, which is what bytes that are not UTF-8 were turned into.
     */
    public static boolean plainText(String decoded) {
        return decoded == null || decoded.chars().noneMatch(c -> c < 0x20 || c == 0x7F || c == 0xFFFD);
    }

    /** Whether the percent-encoded value decodes to UTF-8 text without a control character. */
    static boolean plainText(String encoded, boolean plusIsSpace) {
        if (encoded.isEmpty()) {
            return true;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(percentDecoded(encoded, plusIsSpace))).toString();
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return false;
        }
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7F);
    }

    private static byte[] percentDecoded(String encoded, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("a cut-off escape");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static String decodeLeniently(String encoded) {
        try {
            return java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return encoded;
        }
    }
}
