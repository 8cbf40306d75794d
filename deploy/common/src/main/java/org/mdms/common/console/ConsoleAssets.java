package org.mdms.common.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's own stylesheets, scripts and icon (META-INF/resources/ui/assets/ of the service's jar) under versioned
 * URLs: {@code /ui/assets/console.css?v=<first 12 hex digits of its SHA-256>}. A page links the version it was drawn
 * with, so the browser may keep each file for a year ({@link ConsoleFilter}) and a changed file is a new URL.
 * Templates write {@code {inject:consoleAssets.url('console.css')}}.
 */
@ApplicationScoped
@Named("consoleAssets")
public class ConsoleAssets {

    public static final String PATH = "/ui/assets/";
    private static final String ROOT = "META-INF/resources/ui/assets/";

    private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();

    /** The file's URL with its version; a name that is no asset of this service stays unversioned. */
    public String url(String name) {
        return version(name).map(v -> PATH + name + "?v=" + v).orElse(PATH + name);
    }

    /** The version of an asset of this jar (read once, a few KB), empty for anything else. */
    public Optional<String> version(String name) {
        if (name == null || name.isEmpty() || name.contains("..") || name.contains("/") || name.contains("\\")) {
            return Optional.empty();
        }
        return versions.computeIfAbsent(name, ConsoleAssets::hash);
    }

    private static Optional<String> hash(String name) {
        // the service's class loader (which holds its META-INF/resources), not necessarily this jar's
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : ConsoleAssets.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return Optional.of(HexFormat.of().formatHex(digest, 0, 6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
