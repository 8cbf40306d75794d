package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.local.testing.ConsoleBrowser;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console in Debian's chromium (headless, one browser for the class): sign-in with the keyboard, search as you
 * type, the chart, a patient refused another's chart, a hostile name shown as text, sign-out, a 375-px screen. Any
 * browser console error fails the test; screenshots go to target/screenshots/. Without chromium the class fails when
 * CI=true and is skipped (with the reason) otherwise.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest extends ConsoleBrowser {

    ConsoleBrowserTest() {
        super("");
    }

    @Test
    @Order(1)
    void theConsoleErrorCheckSeesErrors() {
        // proves the check after each test can fail: an error logged by a script is seen
        open("/ui/sign-in");
        script("console.error('console check')");
        List<LogEntry> seen = consoleErrors();
        assertTrue(seen.stream().anyMatch(e -> e.getMessage().contains("console check")), "seen: " + seen);
    }

    @Test
    @Order(2)
    void aDoctorSignsInWithTheKeyboardSearchesAndOpensTheChart() {
        long patient = ConsolePagesTest.xssPatient();
        open("/ui/home");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        shot("sign-in");
        // keyboard only: the username field has focus, Tab to the password, Enter submits
        browser.switchTo().activeElement().sendKeys(Clinic.get().doctor.username());
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        browser.switchTo().activeElement().sendKeys(TestUsers.PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/ui/home"));
        shot("home-doctor");

        browser.findElement(By.id("nav-patients")).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients"));
        WebElement query = browser.findElement(By.id("q"));
        query.sendKeys("<img src=x"); // no Enter: htmx searches as the user types
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#results a.patient-link")));
        shot("search");
        assertEquals(ConsolePagesTest.XSS_NAME, link.getText(), "the hostile name is text");
        assertTrue(browser.findElements(By.cssSelector("#results img")).isEmpty(), "and never an element");
        assertTrue(browser.getCurrentUrl().contains("q="), "the search is in the address bar (back button)");
        link.click();
        wait.until(ExpectedConditions.urlContains("/ui/patients/" + patient));
        shot("chart-doctor");
        assertEquals(ConsolePagesTest.XSS_NAME, browser.findElement(By.id("patient-name")).getText());
        assertTrue(browser.findElements(By.cssSelector("main img")).isEmpty());
        assertEquals("110101199003150028", browser.findElement(By.id("f-id-number")).getText());
        assertFalse(browser.findElements(By.cssSelector("#visit-list li")).isEmpty(), "the visit is listed");
        assertNoAlert();
    }

    @Test
    @Order(3)
    void aPatientSeesTheirOwnChartAndIsRefusedAnother() {
        Clinic clinic = Clinic.get();
        signIn(clinic.patient.username());
        assertTrue(browser.findElements(By.id("nav-patients")).isEmpty(), "patients do not search");
        browser.findElement(By.id("nav-my-record")).click();
        wait.until(ExpectedConditions.urlContains("/ui/patients/" + clinic.patient.recordId()));
        shot("chart-own");
        assertEquals("张三", browser.findElement(By.id("patient-name")).getText());

        open("/ui/patients/" + clinic.otherPatient.recordId());
        shot("refused");
        assertFalse(browser.findElements(By.id("error-title")).isEmpty(), "an error page");
        assertTrue(browser.findElements(By.id("patient-name")).isEmpty(), "nothing of the other record");
        // the browser reports the refused page's 403 itself; that one is expected
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains("403")), "only the 403: " + errors);
    }

    @Test
    @Order(4)
    void signOutEndsTheSession() {
        signIn(Clinic.get().nurse.username());
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        shot("signed-out");
        open("/ui/home");
        wait.until(ExpectedConditions.urlContains("/ui/sign-in"));
        assertTrue(browser.manage().getCookieNamed("mdms_session") == null, "the cookie is gone");
    }

    @Test
    @Order(5)
    void everyPageFitsA375PixelScreen() {
        long patient = ConsolePagesTest.xssPatient();
        browser.manage().window().setSize(new Dimension(375, 800));
        long width = ((Number) script("return window.innerWidth")).longValue();
        assertTrue(width <= 400, "the window really is narrow: " + width);
        open("/ui/sign-in?lang=en");
        assertFitsWidth("sign-in-375");
        signIn(Clinic.get().doctor.username());
        assertFitsWidth("home-375");
        open("/ui/patients?q=" + java.net.URLEncoder.encode("<img src=x", java.nio.charset.StandardCharsets.UTF_8));
        assertFitsWidth("search-375");
        open("/ui/patients/" + patient);
        assertFitsWidth("chart-375");
        open("/ui/sign-in?lang=zh");
    }

    private static void signIn(String username) {
        signIn(username, TestUsers.PASSWORD);
    }
}
