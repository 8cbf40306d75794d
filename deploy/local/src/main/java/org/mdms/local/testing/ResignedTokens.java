package org.mdms.local.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * A real access token signed again with patient-service's committed DEV/TEST key and another expiry, every other
 * claim and the key id kept: a test can show that only the expiry decides (the same token with a future exp is
 * accepted). RS256 with the JDK alone.
 */
public final class ResignedTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEV_KEY = Path.of("..", "patient-service", "src", "main", "resources", "jwt",
            "dev-private-key.pem");

    private ResignedTokens() {
    }

    /** {@code token} with {@code exp} set to {@code expiresAt} (iat five minutes before it, within the lifetime). */
    public static String expiringAt(String token, Instant expiresAt) {
        String[] parts = token.split("\\.");
        try {
            ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            claims.put("exp", expiresAt.getEpochSecond());
            claims.put("iat", expiresAt.getEpochSecond() - 300);
            String signed = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(devKey());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey devKey() throws IOException, GeneralSecurityException {
        // tests run in their module's folder; patient-service's key is beside it
        String pem = Files.readString(DEV_KEY.toAbsolutePath().normalize(), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem)));
    }
}
