package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ConsoleBrowser;
import org.mdms.records.TestUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The renewal in chromium, with 5-second access tokens (ConsoleRenewalTest's profile): a user who goes on working
 * after their access token ran out stays signed in and sees the page they asked for; a session that cannot be renewed
 * (the account's tokens were revoked) goes to sign-in, which comes back to that page.
 */
@QuarkusTest
@TestProfile(ConsoleRenewalTest.ShortTokens.class)
class ConsoleRenewalBrowserTest extends ConsoleBrowser {

    private static final String PAGE = "/ui/patients?q=ab";

    ConsoleRenewalBrowserTest() {
        super("renewal-");
    }

    /**
     * Any console error fails, but the 404 of /favicon.ico: before each test the harness opens the icon itself as a
     * document, for which chromium also asks the host's /favicon.ico (no service has one); the long waits here let
     * that request land inside the test.
     */
    @Override
    @AfterEach
    public void noConsoleErrors() {
        List<LogEntry> errors = consoleErrors().stream()
                .filter(e -> !e.getMessage().contains("/favicon.ico ")).toList();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    private static String adminToken() {
        TestUsers.adminToken(); // makes sure the first admin exists
        return TestUsers.login("test-admin", TestUsers.PASSWORD);
    }

    @Test
    void theSessionGoesOnAfterTheAccessTokenRanOut() throws InterruptedException {
        adminToken();
        signIn("test-admin", TestUsers.PASSWORD);
        Thread.sleep(8_000); // the 5-second access token has run out (with the second of skew allowed)
        open(PAGE);
        wait.until(ExpectedConditions.urlToBe(url(PAGE)));
        shot("renewed");
        assertFalse(browser.findElements(By.id("sign-out")).isEmpty(), "still signed in");
        assertTrue(browser.findElements(By.id("password")).isEmpty(), "no sign-in form");
        // and once more: the rotated refresh token renews again
        Thread.sleep(8_000);
        open("/ui/home");
        wait.until(ExpectedConditions.urlToBe(url("/ui/home")));
        assertFalse(browser.findElements(By.id("sign-out")).isEmpty(), "still signed in");
    }

    @Test
    void aFormSubmittedAfterTheAccessTokenRanOutIsSavedOnce() throws InterruptedException {
        adminToken();
        signIn("test-admin", TestUsers.PASSWORD);
        open("/ui/patients/new");
        String mrn = TestUsers.unique("MRN");
        browser.findElement(By.id("p-mrn")).sendKeys(mrn);
        browser.findElement(By.id("p-name")).sendKeys("续期表单");
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.getElementById('p-birth-date').value = '1988-02-03'");
        Thread.sleep(8_000); // the 5-second access token runs out while the user types
        browser.findElement(By.id("patient-save")).click();
        // renewed on the way (307 keeps the form), then saved: the search for the new patient, still signed in
        wait.until(ExpectedConditions.urlContains("/ui/patients?q="));
        shot("form-saved");
        assertTrue(browser.getCurrentUrl().endsWith("/ui/patients?q=" + mrn), browser.getCurrentUrl());
        assertFalse(browser.findElements(By.id("sign-out")).isEmpty(), "still signed in");
        given().auth().oauth2(adminToken()).get("/api/v1/patients?mrn=" + mrn).then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].name", org.hamcrest.Matchers.equalTo("续期表单"));
    }

    @Test
    void aSessionThatCannotBeRenewedSignsInAgainAndReturnsToThePage() {
        String admin = adminToken();
        String username = TestUsers.unique("nurse");
        Number id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", TestUsers.PASSWORD, "role", "NURSE",
                        "displayName", "续期"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        signIn(username, TestUsers.PASSWORD);
        // a new password ends every session of the account: its refresh token too
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("password", "another-password-2"))
                .put("/api/v1/users/" + id + "/password").then().statusCode(204);

        open(PAGE);
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        shot("ended");
        assertTrue(browser.getCurrentUrl().contains("ended=1"), browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("another-password-2");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlToBe(url(PAGE)));
        shot("back");
    }
}
