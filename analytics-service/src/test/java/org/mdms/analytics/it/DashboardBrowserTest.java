package org.mdms.analytics.it;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.local.testing.ConsoleBrowser;
import org.mdms.local.testing.PatientServiceResource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboard in Debian's chromium (headless, one browser for the class), signed in as patient-service's console
 * does it: the real patient-service's token in the mdms_session cookie. An analyst sees charts drawn, a changed
 * period redraws one, a bad picker value shows the API's problem beside the field, the CSV link answers text/csv, a
 * doctor is refused, and the page fits a 375-px screen. Any browser console error fails the test; screenshots go to
 * target/screenshots/. Without chromium the class fails when CI=true and is skipped (with the reason) otherwise.
 */
@QuarkusTest
@QuarkusTestResource(value = PatientServiceResource.class, restrictToAnnotatedClass = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends ConsoleBrowser {

    private static Records records;

    DashboardBrowserTest() {
        super("");
    }

    @BeforeEach
    void records() {
        Records.signIn();
        if (records == null) {
            records = Records.make();
        }
    }

    @Test
    @Order(1)
    void theConsoleErrorCheckSeesErrors() {
        // proves the check after each test can fail: an error logged by a script is seen
        open("/ui/assets/favicon.svg");
        script("console.error('console check')");
        List<LogEntry> seen = consoleErrors();
        assertTrue(seen.stream().anyMatch(e -> e.getMessage().contains("console check")), "seen: " + seen);
    }

    @Test
    @Order(2)
    void anAnalystSeesChartsDrawnAndAChangedPeriodRedrawsOne() {
        signIn(Records.ANALYST);
        open("/ui/analytics");
        WebElement q1 = browser.findElement(By.id("q1"));
        new Select(q1.findElement(By.name("drugId"))).selectByValue(String.valueOf(records.drugs.get(0)));
        for (String question : List.of("q7", "q1", "q2", "q3", "q4", "q5")) {
            awaitDrawn(question, 1);
        }
        wait.until(d -> !browser.findElements(By.cssSelector("#sync-status dd")).isEmpty()
                && !browser.findElement(By.cssSelector("#sync-status")).getText().contains("加载中"));
        shot("dashboard-analyst");
        assertTrue(nonBlankPixels("q7") > 0, "the day's top drugs are drawn");
        assertEquals(12L, script("return Chart.getChart(document.querySelector('#q1 canvas')).data.labels.length"));
        double thisYear = quantitySum("q1");
        assertTrue(thisYear > 0, "this year's use of the drug made for the test: " + thisYear);

        long drawn = drawnCount("q1");
        WebElement year = q1.findElement(By.name("year"));
        year.clear();
        String lastYear = String.valueOf(records.today.getYear() - 1);
        year.sendKeys(lastYear, Keys.TAB);
        // (clearing the field may already redraw this year's answer: wait for last year's months)
        wait.until(d -> lastYear.equals(script(
                "return Chart.getChart(document.querySelector('#q1 canvas')).data.labels[0].substring(0, 4)")));
        assertTrue(drawnCount("q1") > drawn, "the same chart was drawn again");
        shot("q1-last-year");
        assertEquals(0.0, quantitySum("q1"), "nothing prescribed the year before");
        assertNotEquals(thisYear, quantitySum("q1"));
    }

    @Test
    @Order(3)
    void aBadPickerValueShowsTheApisProblemBesideTheField() {
        signIn(Records.ANALYST);
        open("/ui/analytics");
        awaitDrawn("q2", 1);
        WebElement n = browser.findElement(By.cssSelector("#q2 [name=n]"));
        n.clear();
        n.sendKeys("500", Keys.TAB);
        WebElement beside = browser.findElement(By.cssSelector("#q2 .field-error[data-field=n]"));
        wait.until(d -> !beside.getText().isBlank());
        shot("bad-n");
        assertTrue(beside.getText().contains("100"), "the API's message for n: " + beside.getText());
        assertEquals("true", n.getAttribute("aria-invalid"));
        assertEquals(0L, script("return Chart.getChart(document.querySelector('#q2 canvas')).data.labels.length"),
                "the previous ranking is not left beside the problem");
        // the browser reports the 400 answer itself; that one is expected
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains("400")), "only the 400: " + errors);
    }

    @Test
    @Order(4)
    void theCsvLinkAnswersTextCsvAndTheImageLinksAreTheApisCharts() {
        signIn(Records.ANALYST);
        open("/ui/analytics");
        new Select(browser.findElement(By.cssSelector("#q1 [name=drugId]")))
                .selectByValue(String.valueOf(records.drugs.get(0)));
        awaitDrawn("q1", 1);
        wait.until(d -> browser.findElement(By.cssSelector("#q1 a.csv")).getAttribute("href")
                .contains("/drugs/" + records.drugs.get(0) + "/usage"));
        String href = browser.findElement(By.cssSelector("#q1 a.csv")).getAttribute("href");
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {headers: {Accept: 'text/csv'}}).then(function (r) {"
                        + "  return r.text().then(function (t) {"
                        + "    done({status: r.status, type: r.headers.get('Content-Type'), body: t}); }); });",
                href);
        assertEquals(200L, answer.get("status"));
        assertTrue(String.valueOf(answer.get("type")).startsWith("text/csv"), "type: " + answer.get("type"));
        assertTrue(String.valueOf(answer.get("body")).startsWith("month,drug_id"), "csv: " + answer.get("body"));
        String png = browser.findElement(By.cssSelector("#q1 a.png")).getAttribute("href");
        assertTrue(png.contains("/usage/chart?") && png.contains("format=png"), png);
        // the click downloads through the same request (no error, no navigation away)
        browser.findElement(By.cssSelector("#q1 a.csv")).click();
        assertTrue(browser.getCurrentUrl().endsWith("/ui/analytics"));
    }

    @Test
    @Order(5)
    void aDoctorIsRefused() {
        signIn(Records.DOCTOR);
        open("/ui/analytics");
        shot("refused-doctor");
        assertFalse(browser.findElements(By.id("error-title")).isEmpty(), "an error page");
        assertTrue(browser.findElements(By.cssSelector("canvas")).isEmpty(), "no chart");
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains("403")), "only the 403: " + errors);
    }

    @Test
    @Order(6)
    void theDashboardFitsA375PixelScreen() {
        signIn(Records.ADMIN);
        browser.manage().window().setSize(new Dimension(375, 800));
        open("/ui/analytics?lang=en");
        awaitDrawn("q7", 1);
        assertFitsWidth("dashboard-375");
        open("/ui/analytics?lang=zh");
    }

    /** As patient-service's sign-in leaves it: the access token in the mdms_session cookie of this host. */
    private static void signIn(Peer peer) {
        useSession(peer.token());
    }

    private static void awaitDrawn(String question, long times) {
        wait.until(d -> drawnCount(question) >= times);
    }

    private static long drawnCount(String question) {
        String drawn = browser.findElement(By.cssSelector("#" + question + " canvas")).getAttribute("data-drawn");
        return drawn == null ? 0 : Long.parseLong(drawn);
    }

    private static double quantitySum(String question) {
        return ((Number) script("return Chart.getChart(document.querySelector('#" + question + " canvas'))"
                + ".data.datasets[0].data.reduce(function (a, b) { return a + Number(b); }, 0)")).doubleValue();
    }

    /** Pixels of the canvas that are not transparent: something was drawn. */
    private static long nonBlankPixels(String question) {
        return ((Number) script("var c = document.querySelector('#" + question + " canvas');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; var n = 0;"
                + "for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } } return n;")).longValue();
    }
}
