package org.mdms.local.testing;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the console's browser test classes of all three services share: one headless chromium per class, a fresh
 * window and no cookies before each test, any browser console error failing the test after it, sign-in (through
 * patient-service's form, or with the session cookie it sets, which every port of the host receives), the 375-px
 * check and screenshots under target/screenshots/ (named by the class's prefix and the test).
 */
public abstract class ConsoleBrowser {

    protected static ChromeDriver browser;
    protected static WebDriverWait wait;
    private final String prefix;
    private String testName;

    protected ConsoleBrowser(String prefix) {
        this.prefix = prefix;
    }

    @BeforeAll
    public static void startBrowser() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    public static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    public void freshBrowser(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        browser.manage().window().setSize(new Dimension(1280, 900));
        // a page of the service (every console serves its favicon) so the cookies of its host can be deleted
        open("/ui/assets/favicon.svg");
        browser.manage().deleteAllCookies();
        consoleErrors(); // drain
    }

    @AfterEach
    public void noConsoleErrors() {
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    /** Signs in through patient-service's form (this service must be patient-service). */
    protected static void signIn(String username, String password) {
        open("/ui/sign-in");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/ui/home"));
    }

    /** As after signing in on patient-service: its session cookie (Path=/, HttpOnly) is sent to this port too. */
    protected static void useSession(String accessToken) {
        open("/ui/assets/favicon.svg");
        browser.manage().addCookie(new Cookie.Builder("mdms_session", accessToken).path("/").isHttpOnly(true)
                .sameSite("Strict").build());
    }

    protected static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    protected static void open(String path) {
        browser.get(url(path));
    }

    protected static Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    protected static List<LogEntry> consoleErrors() {
        return Chromium.consoleErrors(browser);
    }

    /** No script ran: typed text (a hostile name) stayed text. */
    protected static void assertNoAlert() {
        try {
            String text = browser.switchTo().alert().getText();
            fail("a script ran: alert(" + text + ")");
        } catch (NoAlertPresentException expected) {
            // typed text stayed text
        }
    }

    protected void assertFitsWidth(String name) {
        shot(name);
        long scroll = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        long client = ((Number) script("return document.documentElement.clientWidth")).longValue();
        assertTrue(scroll <= client, name + ": no horizontal scroll (" + scroll + " > " + client + ")");
    }

    protected void shot(String name) {
        Chromium.screenshot(browser, prefix + testName + "-" + name);
    }
}
