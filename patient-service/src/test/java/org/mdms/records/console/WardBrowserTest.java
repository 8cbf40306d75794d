package org.mdms.records.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.local.testing.ConsoleBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ward view and the alert inbox in Debian's chromium: a nurse opens the ward view, readings a bedside device
 * posts through the API appear without a reload (an abnormal one marked, the alert it raises beside it); in the
 * inbox a new alert arrives live and the nurse acknowledges it with a note. Both pages fit 375 px; any browser
 * console error fails; screenshots ward-* in target/screenshots/.
 */
@QuarkusTest
class WardBrowserTest extends ConsoleBrowser {

    WardBrowserTest() {
        super("ward-");
    }

    private static void waitLive() {
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "class", "live-live"));
    }

    @Test
    void aNurseWatchesTheWardLiveAndAcknowledgesANewAlert() {
        WardFixture ward = new WardFixture("病区" + org.mdms.records.TestUsers.unique("患者").substring(3));
        ward.attachDevice();
        ward.record("SPO2", 97, Instant.now().minus(5, ChronoUnit.MINUTES));
        String bed = "bed-" + ward.patientId;

        signIn(ward.clinic.nurse.username(), org.mdms.records.TestUsers.PASSWORD);
        browser.findElement(By.id("nav-ward")).click();
        wait.until(ExpectedConditions.urlContains("/ui/wards/" + ward.clinic.departmentId));
        waitLive();
        // the snapshot: the reading typed in before the page was opened
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(bed + "-SPO2"), "97"));

        ward.deviceSends("HEART_RATE", 72, Instant.now().minusSeconds(2));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(bed + "-HEART_RATE"), "72"));
        assertTrue(browser.findElements(By.cssSelector("#" + bed + "-HEART_RATE mark.abnormal")).isEmpty(),
                "a normal heart rate is not marked");
        ward.deviceSends("TEMPERATURE", 39.6, Instant.now().minusSeconds(1));
        WebElement fever = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#" + bed + "-TEMPERATURE mark.abnormal")));
        assertTrue(fever.getText().startsWith("39.6"), fever.getText());
        long feverAlert = ward.awaitOpenAlert("TEMPERATURE_HIGH");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ward-alert-" + feverAlert)));
        assertTrue(browser.findElement(By.id(bed + "-alerts")).getText().contains("中"),
                "the alert's severity beside the patient");
        shot("view");
        browser.manage().window().setSize(new Dimension(375, 800));
        assertFitsWidth("view-375");
        browser.manage().window().setSize(new Dimension(1280, 900));

        browser.findElement(By.id("nav-alerts")).click();
        wait.until(ExpectedConditions.urlContains("/ui/alerts"));
        waitLive();
        ward.deviceSends("HEART_RATE", 185, Instant.now().minusSeconds(1));
        long id = ward.awaitOpenAlert("HEART_RATE_HIGH");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("alert-" + id)));
        assertTrue(row.getText().contains("危急"), "a critical alert arrived without a reload: " + row.getText());
        shot("inbox-arrived");
        browser.findElement(By.id("note-" + id)).sendKeys("已到床旁，复测心率");
        browser.findElement(By.id("acknowledge-" + id)).click();
        wait.until(ExpectedConditions.urlContains("acknowledged=" + id));
        assertTrue(browser.findElement(By.id("alerts-notice")).getText().contains(String.valueOf(id)));
        Map<String, Object> acknowledged = WardFixture.alert(id);
        assertEquals("ACKNOWLEDGED", acknowledged.get("status"));
        assertEquals("已到床旁，复测心率", acknowledged.get("acknowledgeNote"));
        assertEquals(ward.clinic.nurse.username(), acknowledged.get("acknowledgedBy"));
        waitLive();
        browser.manage().window().setSize(new Dimension(375, 800));
        assertFitsWidth("inbox-375");
    }
}
