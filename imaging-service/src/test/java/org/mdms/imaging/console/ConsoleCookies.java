package org.mdms.imaging.console;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.apache.http.entity.mime.HttpMultipartMode;
import io.restassured.specification.RequestSpecification;
import org.mdms.imaging.support.Peers;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * A browser's cookies for imaging-service's pages: the session cookie is the access token the real patient-service
 * issued at sign-in (set by its /ui/sign-in for every port of the host), the CSRF cookie comes from a /ui page.
 */
final class ConsoleCookies {

    /** As a browser: redirects are seen, not followed; multipart fields and file names in UTF-8. */
    private static final RestAssuredConfig BROWSER = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
            .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8));
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private ConsoleCookies() {
    }

    /** A request carrying only the session cookie of {@code user} (no Authorization header). */
    static RequestSpecification as(String user) {
        return given().config(BROWSER).cookie("mdms_session", Peers.token(user));
    }

    /** The browser's CSRF cookie and the page's hidden field, read from the gallery as {@code user} sees it. */
    record Csrf(String cookie, String field) {
    }

    static Csrf csrf(String user, long patientId) {
        Response page = as(user).get("/ui/patients/" + patientId + "/images");
        page.then().statusCode(200);
        Matcher m = CSRF_FIELD.matcher(page.asString());
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the gallery");
        }
        return new Csrf(page.getCookie("mdms_csrf"), m.group(1));
    }
}
