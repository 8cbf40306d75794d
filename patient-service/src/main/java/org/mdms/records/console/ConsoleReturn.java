package org.mdms.records.console;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a renewal or a sign-in may send the browser back to: a console page (/ui...) of this service, or of imaging's
 * or analytics' console at their configured addresses (MDMS_CONSOLE_IMAGING_URL, MDMS_CONSOLE_ANALYTICS_URL). Anything
 * else, another site above all, is dropped, so the console never redirects a browser off the hospital's services.
 */
@ApplicationScoped
class ConsoleReturn {

    private final Set<String> peers;

    ConsoleReturn(@ConfigProperty(name = "mdms.console.imaging-url") String imaging,
                  @ConfigProperty(name = "mdms.console.analytics-url") String analytics) {
        this.peers = Stream.of(imaging, analytics).map(url -> origin(URI.create(url.strip())))
                .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /** The page to go back to (a path on this service, or a peer console's full address), or null. */
    String check(String next, RoutingContext rc) {
        if (next == null || next.isBlank() || next.length() > 2000) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(next.strip());
        } catch (URISyntaxException e) {
            return null;
        }
        String path = uri.getRawPath();
        if (path == null || !(path.equals("/ui") || path.startsWith("/ui/"))) {
            return null;
        }
        String local = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (uri.getScheme() == null && uri.getRawAuthority() == null) {
            return local;
        }
        String origin = origin(uri);
        if (origin == null) {
            return null;
        }
        if (origin.equals(origin(URI.create(rc.request().absoluteURI())))) {
            return local;
        }
        return peers.contains(origin) ? uri.getScheme() + "://" + uri.getRawAuthority() + local : null;
    }

    /** scheme://host:port, lower case, the port always written; null for anything but http(s) with a host. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
