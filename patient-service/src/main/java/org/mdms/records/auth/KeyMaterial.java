package org.mdms.records.auth;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The token verification key, published as a JWKS so the other services can verify our tokens. */
@ApplicationScoped
public class KeyMaterial {

    private static final Logger LOG = Logger.getLogger(KeyMaterial.class);

    private final JwtSettings settings;
    private RSAPublicKey publicKey;
    private String keyId;

    KeyMaterial(JwtSettings settings) {
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.lifetime().compareTo(java.time.Duration.ofMinutes(15)) > 0 || settings.lifetime().isNegative()
                || settings.lifetime().isZero()) {
            throw new IllegalStateException("mdms.jwt.lifetime must be between 1 second and 15 minutes (it is "
                    + settings.lifetime() + "): sessions last through refresh tokens (mdms.auth.refresh-lifetime)");
        }
        load();
        if (settings.verifyKeyLocation().startsWith("jwt/dev-") && LaunchMode.current() == LaunchMode.NORMAL
                && !"local".equals(io.quarkus.runtime.configuration.ConfigUtils.getProfiles().get(0))) {
            LOG.warn("Tokens are signed with the committed DEV key pair. Set MDMS_JWT_SIGN_KEY_LOCATION and "
                    + "MDMS_JWT_VERIFY_KEY_LOCATION to your own keys in production.");
        }
    }

    synchronized void load() {
        if (publicKey != null) {
            return;
        }
        try {
            String pem = read(settings.verifyKeyLocation());
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the JWT public key from " + settings.verifyKeyLocation(), e);
        }
    }

    public String keyId() {
        load();
        return keyId;
    }

    public Map<String, Object> jwks() {
        load();
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", keyId);
        key.put("n", base64Url(publicKey.getModulus()));
        key.put("e", base64Url(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(key));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String read(String location) throws IOException {
        String path = location.startsWith("file:") ? location.substring(5) : location;
        if (Files.exists(Path.of(path))) {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        }
        String resource = location.startsWith("classpath:") ? location.substring(10) : location;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no file or classpath resource " + location);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
