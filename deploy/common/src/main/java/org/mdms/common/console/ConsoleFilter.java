package org.mdms.common.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Every response under /ui gets the console's security headers, a CSRF cookie if the browser has none yet, and the
 * language (?lang= remembered in a cookie, else Accept-Language, else Chinese). Pages read both from the routing context.
 * Pages are never stored ({@code no-store}); the console's own files under /ui/assets/ are cacheable: for a year and
 * immutable under their current version ({@link ConsoleAssets}), revalidated otherwise, and they set no cookie.
 */
@ApplicationScoped
public class ConsoleFilter {

    public static final String CSRF_COOKIE = "mdms_csrf";
    public static final String LANG_COOKIE = "mdms_lang";
    public static final String CSRF_KEY = "mdms.console.csrf";
    public static final String LOCALE_KEY = "mdms.console.locale";
    /**
     * Scripts and styles only from this origin (the jars): no inline script, no CDN. Forms post to this origin; their
     * answer may also redirect to patient-service's console (the renewal of an expired session, sign-in), so its
     * origin ({@code mdms.console.patient-url}, MDMS_CONSOLE_PATIENT_URL; imaging and analytics) is allowed there too.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action %s; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    static final String VERSIONED = "public, max-age=31536000, immutable";
    static final String UNVERSIONED = "public, no-cache";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleAssets assets;
    private final String csp;

    ConsoleFilter(ConsoleAssets assets,
                  @ConfigProperty(name = "mdms.console.patient-url") Optional<String> patientConsole) {
        this.assets = assets;
        this.csp = policy(patientConsole);
    }

    /** The policy with form-action 'self' and, when configured, patient-service's console origin. */
    static String policy(Optional<String> patientConsole) {
        return CSP.formatted(patientConsole.map(ConsoleFilter::origin).map(origin -> "'self' " + origin)
                .orElse("'self'"));
    }

    /** scheme://host[:port] of a URL; a configured value that is no absolute http(s) URL stops the start. */
    static String origin(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("mdms.console.patient-url must be an absolute http(s) URL: " + url);
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    private void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!(path.equals("/ui") || path.startsWith("/ui/"))) {
            rc.next();
            return;
        }
        rc.response().headers()
                .set("Content-Security-Policy", csp)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "same-origin");
        if (path.startsWith(ConsoleAssets.PATH)) {
            String asked = rc.request().getParam("v");
            boolean current = asked != null
                    && assets.version(path.substring(ConsoleAssets.PATH.length())).filter(asked::equals).isPresent();
            // set when the headers go out, so no handler running after this filter (the static files) can replace it
            rc.addHeadersEndHandler(end -> rc.response().headers().set("Cache-Control",
                    current ? VERSIONED : UNVERSIONED));
            rc.next();
            return;
        }
        rc.response().headers().set("Cache-Control", "no-store");
        boolean https = "https".equalsIgnoreCase(rc.request().scheme());
        Cookie csrf = rc.request().getCookie(CSRF_COOKIE);
        String token = csrf == null ? null : csrf.getValue();
        if (token == null || token.length() != 43) {
            token = newToken();
            rc.response().addCookie(Cookie.cookie(CSRF_COOKIE, token).setPath("/ui").setHttpOnly(true)
                    .setSecure(https).setSameSite(CookieSameSite.STRICT));
        }
        rc.put(CSRF_KEY, token);
        String asked = rc.request().getParam("lang");
        Locale locale;
        if ("zh".equals(asked) || "en".equals(asked)) {
            locale = Locale.forLanguageTag(asked);
            rc.response().addCookie(Cookie.cookie(LANG_COOKIE, asked).setPath("/ui").setHttpOnly(true)
                    .setSecure(https).setSameSite(CookieSameSite.STRICT).setMaxAge(365L * 24 * 3600));
        } else {
            Cookie remembered = rc.request().getCookie(LANG_COOKIE);
            locale = remembered != null && "en".equals(remembered.getValue()) ? Locale.ENGLISH
                    : remembered != null && "zh".equals(remembered.getValue()) ? Locale.CHINESE
                    : fromAcceptLanguage(rc.request().getHeader("Accept-Language"));
        }
        rc.put(LOCALE_KEY, locale);
        rc.next();
    }

    /** English only when the browser prefers it to Chinese; the hospital's default is Chinese. */
    static Locale fromAcceptLanguage(String header) {
        if (header == null) {
            return Locale.CHINESE;
        }
        for (String part : header.split(",")) {
            String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (tag.startsWith("zh")) {
                return Locale.CHINESE;
            }
            if (tag.startsWith("en")) {
                return Locale.ENGLISH;
            }
        }
        return Locale.CHINESE;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
