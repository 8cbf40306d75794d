package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.local.testing.Chromium;
import org.mdms.local.testing.ConsoleBrowser;
import org.mdms.records.TestUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's flows in Debian's chromium (headless, one browser for the class): the admin disables a user and that
 * user's session ends at their next page (two sign-in sessions, swapped as cookies in the one browser); the admin
 * deletes a patient with a reason, finds them only when asking for deleted patients, and restores them; the admin pages
 * at 375 px. Any browser console error fails the test; screenshots go to target/screenshots/.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserTest extends ConsoleBrowser {

    AdminBrowserTest() {
        super("admin-");
    }

    @Test
    @Order(1)
    void anAdminDisablesAUserAndThatUsersSessionEnds() {
        String username = TestUsers.unique("nurse");
        long userId = TestUsers.createUser("NURSE", username);
        signIn(username);
        shot("user-home");
        Cookie theirs = browser.manage().getCookieNamed("mdms_session");
        assertNotNull(theirs, "the user's session");

        browser.manage().deleteAllCookies();
        signIn("test-admin");
        browser.findElement(By.id("nav-admin")).click();
        wait.until(ExpectedConditions.urlContains("/ui/admin/users"));
        browser.findElement(By.id("q")).sendKeys(username, Keys.ENTER);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#user-list a.user-link"))).click();
        wait.until(ExpectedConditions.urlContains("/ui/admin/users/" + userId));
        shot("user-page");
        browser.findElement(By.id("disable-user")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        shot("user-disabled");
        assertEquals("已停用", browser.findElement(By.id("user-status")).getText());
        assertTrue(browser.findElements(By.id("disable-user")).isEmpty(), "now offered: enable");

        // the other browser session: the disabled user's next page load goes to sign-in
        browser.manage().deleteAllCookies();
        browser.manage().addCookie(theirs);
        open("/ui/home");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        shot("user-session-ended");
        assertTrue(browser.getCurrentUrl().contains("ended=1"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("会话已结束"), "told why");
        assertTrue(browser.manage().getCookieNamed("mdms_session") == null, "the cookie is cleared");
    }

    @Test
    @Order(2)
    void anAdminDeletesAPatientWithAReasonAndRestoresThem() {
        String name = "软删" + TestUsers.unique("x").substring(2);
        Number id = given().auth().oauth2(TestUsers.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("mrn", TestUsers.unique("MRN"), "name", name, "gender", "FEMALE",
                        "birthDate", "1988-02-02"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        long patient = id.longValue();
        signIn("test-admin");
        open("/ui/patients/" + patient);
        // htmx loads the admin's panel into the chart
        wait.until(ExpectedConditions.elementToBeClickable(By.id("delete-patient")));
        assertTrue(browser.findElement(By.id("opened-by")).getText().contains("test-admin"), "who opened the chart");
        shot("chart-admin");
        browser.findElement(By.id("delete-patient")).click(); // no reason yet
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("delete-reason-error")));
        shot("delete-without-reason");
        // the browser reports the refused form's 400 itself; that one is expected
        List<LogEntry> refused = Chromium.consoleErrors(browser);
        assertTrue(refused.stream().allMatch(e -> e.getMessage().contains("400")), "only the 400: " + refused);
        browser.findElement(By.id("delete-reason")).sendKeys("重复登记");
        browser.findElement(By.id("delete-patient")).click();
        wait.until(ExpectedConditions.urlToBe(url("/ui/patients/" + patient)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("chart-deleted"))); // at the top of the chart
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("patient-deleted"))); // and in the admin's panel
        shot("deleted");
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + patient).then()
                .body("deleted", equalTo(true)).body("deleteReason", equalTo("重复登记"));

        browser.findElement(By.id("nav-patients")).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients"));
        browser.findElement(By.id("q")).sendKeys(name);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-results")));
        browser.findElement(By.id("deleted")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results mark.deleted")));
        shot("search-deleted");
        browser.findElement(By.cssSelector("#results a.patient-link")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("restore-patient"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("delete-patient")));
        shot("restored");
        given().auth().oauth2(TestUsers.adminToken()).get("/api/v1/patients/" + patient).then()
                .body("deleted", equalTo(false));
    }

    @Test
    @Order(3)
    void theAdminPagesFitA375PixelScreen() {
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("test-admin");
        open("/ui/admin/users");
        assertFitsWidth("users-375");
        browser.findElement(By.id("create-user")).click(); // empty form: errors beside the fields
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nu-username-error")));
        assertFitsWidth("users-errors-375");
        open("/ui/admin/audit");
        assertFitsWidth("audit-375");
        open("/ui/admin/audit?action=READ");
        assertTrue(browser.findElements(By.cssSelector("#audit-list tbody tr")).size() > 0, "reads are listed");
        // the browser reports the refused form's 400 itself; that one is expected
        List<LogEntry> errors = Chromium.consoleErrors(browser);
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains("400")), "only the 400: " + errors);
    }

    private static void signIn(String username) {
        TestUsers.adminToken(); // makes sure test-admin exists
        signIn(username, TestUsers.PASSWORD);
    }
}
