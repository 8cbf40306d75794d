package org.mdms.imaging.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;
import org.mdms.local.testing.ConsoleBrowser;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gallery in Debian's chromium (headless, one browser for the class), signed in with a session cookie from the
 * real patient-service: a doctor treating a patient uploads a JPEG through the form and sees its thumbnail and
 * preview, a patient sees their own gallery and is refused another's, a hostile title, file name and description
 * stay text, and the pages fit a 375-px screen. Any browser console error fails the test; screenshots go to
 * target/screenshots/. Without chromium the class fails when CI=true and is skipped (with the reason) otherwise.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryBrowserTest extends ConsoleBrowser {

    /** A patient of this class alone, treated by the demo doctor: no other test's images in its gallery. */
    private static Long patient;

    GalleryBrowserTest() {
        super("");
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
    void aDoctorTreatingThePatientUploadsAJpegAndSeesItsThumbnailAndPreview() throws IOException {
        long p = treatedPatient();
        signIn("doctor");
        open("/ui/patients/" + p + "/images");
        shot("gallery-empty");
        assertFalse(browser.findElements(By.id("no-images")).isEmpty(), "an empty gallery says so");
        Path jpeg = Files.createTempFile("胸片-", ".jpg");
        Files.write(jpeg, TestImages.jpeg(900, 600));
        browser.findElement(By.id("file")).sendKeys(jpeg.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("category"))).selectByValue("DIAGNOSTIC_IMAGE");
        browser.findElement(By.id("title")).sendKeys("胸部正位片");
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.urlContains("uploaded="));
        WebElement thumbnail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tiles img")));
        wait.until(d -> ((Number) script("return arguments[0].naturalWidth", thumbnail)).intValue() > 0);
        shot("gallery-uploaded");
        assertEquals(256, ((Number) script("return arguments[0].naturalWidth", thumbnail)).intValue(),
                "the API's 256-px thumbnail");
        assertEquals("胸部正位片", browser.findElement(By.cssSelector("#tiles .image-title")).getText());

        browser.findElement(By.cssSelector("#tiles a.image-link")).click();
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        wait.until(d -> ((Number) script("return arguments[0].naturalWidth", preview)).intValue() > 0);
        shot("viewer");
        int width = ((Number) script("return arguments[0].naturalWidth", preview)).intValue();
        assertTrue(width > 256 && width <= 1024, "the preview, not the thumbnail: " + width);
        assertTrue(browser.findElement(By.id("download")).getAttribute("href").endsWith("/content"));
        Files.deleteIfExists(jpeg);
    }

    @Test
    @Order(3)
    void aPatientSeesOnlyTheirOwnGalleryAndIsRefusedAnothers() {
        long own = Peers.patientP();
        // a category no other test uses, so only this image is listed
        Map<String, String> fields = Api.fields(own, "RECORD_PHOTO");
        fields.put("title", "我的病历照片");
        Api.upload("patient", TestImages.jpeg(200, 150), "record.jpg", "image/jpeg", fields).then().statusCode(201);
        signIn("patient");
        open("/ui/patients/" + own + "/images?category=RECORD_PHOTO");
        WebElement thumbnail = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tiles img")));
        wait.until(d -> ((Number) script("return arguments[0].naturalWidth", thumbnail)).intValue() > 0);
        shot("gallery-own");
        assertFalse(browser.findElements(By.id("nav-my-record")).isEmpty(), "the patient's own record in the nav");
        assertTrue(browser.findElements(By.id("nav-patients")).isEmpty(), "patients do not search");

        open("/ui/patients/" + treatedPatient() + "/images");
        shot("refused");
        assertFalse(browser.findElements(By.id("error-title")).isEmpty(), "an error page");
        assertTrue(browser.findElements(By.id("tiles")).isEmpty(), "nothing of the other gallery");
        assertTrue(browser.findElements(By.id("upload-form")).isEmpty(), "and no upload to it");
        // the browser reports the refused page's 403 itself; that one is expected
        List<LogEntry> errors = consoleErrors();
        assertTrue(errors.stream().allMatch(e -> e.getMessage().contains("403")), "only the 403: " + errors);
    }

    @Test
    @Order(4)
    void aHostileTitleFileNameAndDescriptionAreShownAsText() {
        long p = treatedPatient();
        long id = GalleryPagesTest.hostileImage(p);
        signIn("doctor");
        open("/ui/patients/" + p + "/images");
        WebElement tile = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tile-" + id)));
        shot("gallery-hostile");
        assertEquals(GalleryPagesTest.XSS, tile.findElement(By.className("image-title")).getText());
        assertEquals(0L, ((Number) script("return document.querySelectorAll('[onerror]').length")).longValue(),
                "never an element");
        assertNoAlert();
        tile.findElement(By.className("image-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("image-title")));
        shot("viewer-hostile");
        assertEquals(GalleryPagesTest.XSS, browser.findElement(By.id("image-title")).getText());
        assertEquals(GalleryPagesTest.XSS, browser.findElement(By.id("image-description")).getText());
        assertEquals(GalleryPagesTest.XSS + ".jpg", browser.findElement(By.id("f-file-name")).getText());
        assertEquals(0L, ((Number) script("return document.querySelectorAll('[onerror]').length")).longValue());
        assertNoAlert();
    }

    @Test
    @Order(5)
    void theGalleryAndTheViewerFitA375PixelScreen() {
        long p = treatedPatient();
        long id = GalleryPagesTest.apiUpload(p, "ECG", "静息心电图");
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("doctor");
        open("/ui/patients/" + p + "/images?lang=en");
        assertFitsWidth("gallery-375");
        open("/ui/patients/" + p + "/images/" + id);
        assertFitsWidth("viewer-375");
        open("/ui/patients/" + p + "/images?lang=zh");
    }

    /** A patient made for this class with a visit of the demo doctor, so the doctor treats them. */
    private static synchronized long treatedPatient() {
        if (patient == null) {
            Number id = given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin"))
                    .contentType(ContentType.JSON).body(Map.of("mrn", "MRN-GAL-" + System.nanoTime(),
                            "name", "赵六影像", "gender", "MALE", "birthDate", "1980-05-06"))
                    .post("/api/v1/patients").then().statusCode(201).extract().path("id");
            long doctor = Peers.staffId("doctor");
            Number department = given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin"))
                    .get("/api/v1/staff/" + doctor).then().statusCode(200).extract().path("departmentId");
            given().baseUri(Peers.url()).header("Authorization", Peers.bearer("doctor")).contentType(ContentType.JSON)
                    .body(Map.of("patientId", id.longValue(), "doctorId", doctor, "departmentId",
                            department.longValue(), "type", "OUTPATIENT", "startedAt",
                            Instant.now().minus(1, ChronoUnit.HOURS).toString(), "chiefComplaint", "咳嗽"))
                    .post("/api/v1/visits").then().statusCode(201);
            patient = id.longValue();
        }
        return patient;
    }

    /** As after signing in on patient-service, whose session cookie this port receives too. */
    private static void signIn(String user) {
        useSession(Peers.token(user));
    }
}
