package org.mdms.records.console;

import io.restassured.response.Response;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Signs in through the console's form, as a browser does: fetch the form (CSRF cookie + field), then post it. */
final class ConsoleSignIn {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The browser's CSRF cookie and the same token as the page's hidden field. */
    record Form(String csrfCookie, String csrfField) {
    }

    private ConsoleSignIn() {
    }

    static Form form() {
        Response page = given().redirects().follow(false).get("/ui/sign-in");
        return new Form(page.getCookie("mdms_csrf"), csrfField(page.asString()));
    }

    static String csrfField(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1);
    }

    static Response post(String username, String password) {
        return post(username, password, "127.0.0.1");
    }

    /** From the given client address (the test profile trusts X-Forwarded-For). */
    static Response post(String username, String password, String client) {
        Form form = form();
        return given().redirects().follow(false).header("X-Forwarded-For", client)
                .cookie("mdms_csrf", form.csrfCookie())
                .formParam("username", username).formParam("password", password)
                .formParam("csrf", form.csrfField())
                .post("/ui/sign-in");
    }

    /** The session cookie's value (the access token) after a successful sign-in. */
    static String session(String username, String password) {
        Response response = post(username, password);
        if (response.statusCode() != 303) {
            throw new AssertionError("sign-in as " + username + " answered " + response.statusCode());
        }
        return response.getCookie("mdms_session");
    }
}
