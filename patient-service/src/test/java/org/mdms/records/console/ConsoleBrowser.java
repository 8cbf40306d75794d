package org.mdms.records.console;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.mdms.local.testing.Chromium;
import org.mdms.records.TestUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
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
 * What the console's browser test classes share: one headless chromium per class, a fresh window and no cookies
 * before each test, any browser console error failing the test after it, sign-in through the form, the 375-px
 * check and screenshots under target/screenshots/ (named by the class's prefix and the test).
 */
abstract class ConsoleBrowser {

    static ChromeDriver browser;
    static WebDriverWait wait;
    private final String prefix;
    private String testName;

    ConsoleBrowser(String prefix) {
        this.prefix = prefix;
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshBrowser(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/ui/sign-in");
        browser.manage().deleteAllCookies();
        consoleErrors(); // drain
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.isEmpty(), "browser console errors: " + errors);
    }

    void signIn(String username) {
        open("/ui/sign-in");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.urlContains("/ui/home"));
    }

    static String url(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    static void open(String path) {
        browser.get(url(path));
    }

    static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    static List<LogEntry> consoleErrors() {
        return Chromium.consoleErrors(browser);
    }

    /** No script ran: typed text (a hostile name) stayed text. */
    static void assertNoAlert() {
        try {
            String text = browser.switchTo().alert().getText();
            fail("a script ran: alert(" + text + ")");
        } catch (NoAlertPresentException expected) {
            // typed text stayed text
        }
    }

    void assertFitsWidth(String name) {
        shot(name);
        long scroll = ((Number) script("return document.documentElement.scrollWidth")).longValue();
        long client = ((Number) script("return document.documentElement.clientWidth")).longValue();
        assertTrue(scroll <= client, name + ": no horizontal scroll (" + scroll + " > " + client + ")");
    }

    void shot(String name) {
        Chromium.screenshot(browser, prefix + testName + "-" + name);
    }
}
