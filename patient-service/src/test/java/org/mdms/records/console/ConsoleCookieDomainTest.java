package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kubernetes keeps one Ingress host per service; MDMS_CONSOLE_COOKIE_DOMAIN puts the session cookie on their parent
 * domain so the three hosts share one sign-in: the cookie is set, and cleared at sign-out, on that domain, still
 * HttpOnly and SameSite=Strict.
 */
@QuarkusTest
@TestProfile(ConsoleCookieDomainTest.ParentDomain.class)
class ConsoleCookieDomainTest {

    public static class ParentDomain implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdms.console.cookie-domain", "mdms.example.org");
        }
    }

    @Test
    void theSessionCookieIsSetAndClearedOnTheParentDomain() {
        Response in = ConsoleSignIn.post(Clinic.get().nurse.username(), TestUsers.PASSWORD);
        in.then().statusCode(303);
        String setCookie = in.getHeaders().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("mdms_session=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("domain=mdms.example.org"), setCookie);
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String session = in.getCookie("mdms_session");

        Response home = given().cookie("mdms_session", session).get("/ui/home");
        home.then().statusCode(200);
        Response out = given().redirects().follow(false).cookie("mdms_session", session)
                .cookie("mdms_csrf", home.getCookie("mdms_csrf"))
                .formParam("csrf", ConsoleSignIn.csrfField(home.asString())).post("/ui/sign-out");
        out.then().statusCode(303);
        String cleared = out.getHeaders().getValues("Set-Cookie").stream()
                .filter(header -> header.startsWith("mdms_session=")).findFirst().orElseThrow();
        assertTrue(cleared.toLowerCase().contains("domain=mdms.example.org"), "cleared where it was set: " + cleared);
        assertEquals(0, out.getDetailedCookie("mdms_session").getMaxAge());
    }
}
