package org.mdms.imaging.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.mdms.imaging.config.ImagingConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * PUT URLs signed in their query string (AWS Signature V4, {@code UNSIGNED-PAYLOAD}: no hash of the body, here or in
 * the store), as MinIO's client presigns them, without its per-call request building: one SHA-256 of the canonical
 * request and one HMAC with the day's signing key, which is derived once a day (issue 16: MinIO's presign was a
 * tenth of imaging's CPU per DICOM instance).
 */
@ApplicationScoped
public class PutSigner {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final String base;
    private final String host;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private volatile SigningKey key;

    private record SigningKey(String day, byte[] bytes) {
    }

    @Inject
    PutSigner(ImagingConfig config) {
        this(config.s3().endpoint(), config.s3().secure(), config.s3().accessKey(), config.s3().secretKey(),
                config.s3().region());
    }

    PutSigner(String endpoint, boolean secure, String accessKey, String secretKey, String region) {
        URI uri = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
        String scheme = secure ? "https" : "http";
        int port = uri.getPort();
        boolean defaultPort = port < 0 || port == (secure ? 443 : 80);
        this.host = uri.getHost() + (defaultPort ? "" : ":" + port);
        this.base = scheme + "://" + host;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The URL to PUT {@code key} of {@code bucket} to, valid {@code expirySeconds} from now. */
    public String put(String bucket, String key, int expirySeconds) {
        return put(bucket, key, expirySeconds, ZonedDateTime.now(ZoneOffset.UTC));
    }

    String put(String bucket, String key, int expirySeconds, ZonedDateTime now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/s3/aws4_request";
        String path = "/" + encode(bucket, false) + "/" + encode(key, true);
        // parameters in byte order of their names, as the canonical query string wants them
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=" + encode(accessKey + "/" + scope, false)
                + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + expirySeconds
                + "&X-Amz-SignedHeaders=host";
        String canonical = "PUT\n" + path + "\n" + query + "\nhost:" + host + "\n\nhost\nUNSIGNED-PAYLOAD";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonical));
        String signature = HEX.formatHex(hmac(signingKey(day), toSign));
        return base + path + "?" + query + "&X-Amz-Signature=" + signature;
    }

    private byte[] signingKey(String day) {
        SigningKey current = key;
        if (current == null || !current.day().equals(day)) {
            byte[] k = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
            k = hmac(k, region);
            k = hmac(k, "s3");
            current = new SigningKey(day, hmac(k, "aws4_request"));
            key = current;
        }
        return current.bytes();
    }

    /** URI-encodes as SigV4 wants: unreserved characters stay, '/' too in an object key, the rest as %XX. */
    static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~' || keepSlash && c == '/') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
