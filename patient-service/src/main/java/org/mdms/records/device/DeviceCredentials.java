package org.mdms.records.device;

import org.mdms.common.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A device's secret: 256 random bits, shown once, kept as its SHA-256. A fast hash is enough here (unlike a
 * password, a random 256-bit secret cannot be guessed from its hash), and it keeps the check cheap on every batch.
 * Devices send {@code Authorization: Device <deviceId>:<secret>}.
 */
final class DeviceCredentials {

    static final String SCHEME = "Device ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceCredentials() {
    }

    record Presented(long deviceId, String secret) {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean matches(String storedHash, String secret) {
        return storedHash != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                hash(secret).getBytes(StandardCharsets.US_ASCII));
    }

    /** The header's device and secret; 401 when the header is absent or not of the Device scheme. */
    static Presented parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw DomainException.unauthorized("send the device's credential: Authorization: Device <id>:<secret>");
        }
        String value = authorization.substring(SCHEME.length()).strip();
        int colon = value.indexOf(':');
        try {
            if (colon > 0 && colon < value.length() - 1) {
                return new Presented(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1));
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below: a malformed header is just a wrong credential
        }
        throw DomainException.unauthorized("the Device credential must read <deviceId>:<secret>");
    }
}
