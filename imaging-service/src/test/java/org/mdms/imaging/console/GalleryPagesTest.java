package org.mdms.imaging.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gallery's pages through HTTP as a browser sees them: the session cookie from the real patient-service, CSRF,
 * the upload form through the same upload service, who sees which gallery, escaping, the filter, the viewer.
 */
@QuarkusTest
class GalleryPagesTest {

    static final String XSS = "<img src=x onerror=alert(1)>";
    static final String ESCAPED_XSS = "&lt;img src=x onerror=alert(1)&gt;";

    @BeforeEach
    void careTeam() {
        // the demo doctor, nurse and technician treat P through real records in patient-service
        Peers.careTeamOfP();
    }

    @Test
    void withoutASessionTheGallerySendsTheBrowserToPatientServicesSignIn() {
        String gallery = "/ui/patients/" + Peers.patientP() + "/images";
        io.restassured.RestAssured.given().redirects().follow(false).get(gallery).then().statusCode(303)
                .header("Location", equalTo("http://localhost:8081/ui/sign-in"));
        // an expired or revoked (here: forged) session goes through patient-service's renewal, which comes back to
        // this page with a new token or ends at its sign-in (patient-service's ConsoleRenewalTest)
        String page = "http://localhost:" + io.restassured.RestAssured.port + gallery;
        io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", "not-a-token")
                .get(gallery).then().statusCode(303)
                .header("Location", equalTo("http://localhost:8081/ui/session/renew?next="
                        + URLEncoder.encode(page, StandardCharsets.UTF_8)));
        // htmx polling a tile is told to load the sign-in page, not to swap it into the tile
        io.restassured.RestAssured.given().redirects().follow(false).header("HX-Request", "true")
                .get(gallery + "/1/tile").then().statusCode(200)
                .header("HX-Redirect", startsWith("http://localhost:8081/ui/sign-in"));
        // ... or the renewal, back to the page that is showing
        io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", "not-a-token")
                .header("HX-Request", "true").header("HX-Current-URL", page).get(gallery + "/1/tile")
                .then().statusCode(200).header("HX-Redirect", equalTo("http://localhost:8081/ui/session/renew?next="
                        + URLEncoder.encode(page, StandardCharsets.UTF_8)));
    }

    /** Under /ui a request the routing refuses is the console's error page; under /api it stays problem+json. */
    @Test
    void refusalsOfTheRoutingAreErrorPagesUnderUi() {
        long p = Peers.patientP();
        Response notANumber = ConsoleCookies.as("doctor").get("/ui/patients/abc/images");
        notANumber.then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("id=\"error-title\""));
        ConsoleCookies.as("doctor").delete("/ui/patients/" + p + "/images").then().statusCode(405)
                .contentType(containsString("text/html")).body(containsString("id=\"error-title\""));
        ConsoleCookies.as("doctor").contentType("text/plain").body("x").post("/ui/patients/" + p + "/images")
                .then().statusCode(415).contentType(containsString("text/html"))
                .body(containsString("id=\"error-title\""));
        ConsoleCookies.as("doctor").get("/ui/images/deleted/nothing-here").then().statusCode(404)
                .contentType(containsString("text/html"));
        // the API's answers are unchanged
        Api.as("doctor").get("/api/v1/images/abc").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        Api.as("doctor").contentType("text/plain").body("x").post("/api/v1/images").then().statusCode(415)
                .contentType(containsString("application/problem+json"));
    }

    /** The console's files are cached under their version for a year; the pages themselves never. */
    @Test
    void assetsAreCacheableUnderTheirVersionAndPagesAreNot() {
        Response gallery = ConsoleCookies.as("doctor").get("/ui/patients/" + Peers.patientP() + "/images");
        gallery.then().statusCode(200).header("Cache-Control", "no-store");
        java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/ui/assets/gallery\\.js\\?v=[0-9a-f]{12})\"")
                .matcher(gallery.asString());
        assertTrue(script.find(), "the page links the script's version");
        io.restassured.RestAssured.get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable").header("Set-Cookie", nullValue());
        io.restassured.RestAssured.get("/ui/assets/gallery.js").then().statusCode(200)
                .header("Cache-Control", "public, no-cache");
        io.restassured.RestAssured.get("/ui/assets/gallery.js?v=000000000000").then().statusCode(200)
                .header("Cache-Control", "public, no-cache");
    }

    @Test
    void aTechnicianUploadsThroughTheFormAndTheGalleryShowsTheThumbnail() {
        long p = Peers.patientP();
        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("technician", p);
        Response posted = upload("technician", p, csrf, TestImages.jpeg(800, 600), "胸片.jpg",
                Map.of("category", "DIAGNOSTIC_IMAGE", "visibility", "PRIVATE", "title", "胸部正位片"));
        posted.then().statusCode(303).header("Location", containsString("/ui/patients/" + p + "/images?uploaded="));
        long id = Long.parseLong(posted.header("Location").replaceAll(".*uploaded=", ""));

        // the same row the API shows, uploaded by the technician with what the form said
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200)
                .body("uploadedBy", equalTo("technician")).body("category", equalTo("DIAGNOSTIC_IMAGE"))
                .body("title", equalTo("胸部正位片")).body("originalFilename", equalTo("胸片.jpg"))
                .body("patientId", equalTo((int) p));
        String gallery = ConsoleCookies.as("technician").get(posted.header("Location")).then().statusCode(200)
                .body(containsString("id=\"uploaded\"")).extract().asString();
        assertTrue(gallery.contains("src=\"/api/v1/images/" + id + "/thumbnail\""), "the thumbnail is on the page");
        // and the browser fetches it with the cookie alone
        byte[] thumbnail = ConsoleCookies.as("technician").get("/api/v1/images/" + id + "/thumbnail").then()
                .statusCode(200).contentType("image/jpeg").extract().asByteArray();
        assertTrue(thumbnail.length > 100);
    }

    @Test
    void theFormShowsTheApisErrorsBesideTheFieldsAndStoresNothing() {
        long p = Peers.patientP();
        long before = count(p);
        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("technician", p);
        // not an image: 415, beside the file field, what was typed kept
        String page = upload("technician", p, csrf, "plain text".getBytes(StandardCharsets.UTF_8), "note.jpg",
                Map.of("category", "ECG", "title", "保留的标题")).then().statusCode(415)
                .contentType(containsString("text/html")).extract().asString();
        assertTrue(page.contains("id=\"file-error\""), "the error is beside the file field");
        assertTrue(page.contains("value=\"保留的标题\""), "the title is kept");
        // an unknown category: 400 beside the category
        page = upload("technician", p, csrf, TestImages.jpeg(64, 64), "a.jpg", Map.of("category", "XRAY"))
                .then().statusCode(400).extract().asString();
        assertTrue(page.contains("id=\"category-error\""), page);
        // no file chosen: the browser sends an empty part
        page = upload("technician", p, csrf, new byte[0], "", Map.of("category", "ECG"))
                .then().statusCode(400).extract().asString();
        assertTrue(page.contains("id=\"file-error\""), page);
        assertEquals(before, count(p), "nothing stored");
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefusedAndTheApiRefusesChangesOnTheCookie() {
        long p = Peers.patientP();
        long before = count(p);
        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("technician", p);
        upload("technician", p, new ConsoleCookies.Csrf(csrf.cookie(), "forged-token-forged-token-forged-token-000"),
                TestImages.jpeg(64, 64), "a.jpg", Map.of("category", "ECG"))
                .then().statusCode(403).body(containsString("id=\"error-title\""));
        // the API itself never writes on the session cookie (a forged cross-site form)
        ConsoleCookies.as("technician").multiPart(new MultiPartSpecBuilder(TestImages.jpeg(64, 64)).controlName("file")
                        .fileName("a.jpg").mimeType("image/jpeg").build())
                .multiPart("patientId", Long.toString(p)).multiPart("category", "ECG")
                .post("/api/v1/images").then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        assertEquals(before, count(p), "nothing stored");
    }

    /** Issue 14: pages and their scripts go compressed to a browser that accepts it; images and the API do not. */
    @Test
    void theGalleryAndItsAssetsGoCompressedToABrowserThatAcceptsIt() {
        long p = Peers.patientP();
        for (String path : new String[]{"/ui/patients/" + p + "/images", "/ui/assets/gallery.js",
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js"}) {
            // RestAssured asks for gzip and deflate, and decompresses the answer
            Response gzipped = ConsoleCookies.as("doctor").get(path);
            gzipped.then().statusCode(200);
            assertEquals("gzip", gzipped.header("Content-Encoding"), path);
            // without content decoders RestAssured sends no Accept-Encoding
            Response plain = ConsoleCookies.as("doctor").config(RestAssuredConfig.config()
                    .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders())).get(path);
            plain.then().statusCode(200);
            assertFalse("gzip".equals(plain.header("Content-Encoding")), path + " for a client without gzip");
        }
        Response api = ConsoleCookies.as("doctor").get("/api/v1/images?patientId=" + p);
        api.then().statusCode(200);
        assertFalse("gzip".equals(api.header("Content-Encoding")), "the JSON API is not compressed");
    }

    @Test
    void aPatientSeesTheirOwnGalleryAndIsRefusedAnothers() {
        long p = Peers.patientP();
        ConsoleCookies.as("patient").get("/ui/patients/" + p + "/images").then().statusCode(200)
                .body(containsString("id=\"gallery-title\""))
                .body(containsString("id=\"nav-my-record\""));
        ConsoleCookies.as("patient").get("/ui/patients/" + Peers.patientQ() + "/images").then().statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"error-title\"")).body(not(containsString("id=\"tiles\"")));
        // an analyst reads no patient's images, as in the API
        ConsoleCookies.as("analyst").get("/ui/patients/" + p + "/images").then().statusCode(403);
    }

    @Test
    void aFormPostedAfterTheTokenExpiredMayFollowItsRedirectToPatientServicesRenewal() {
        long image = Api.uploadJpeg("admin", Peers.patientP(), "PUBLIC");
        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("admin", Peers.patientP());
        String expired = org.mdms.local.testing.ResignedTokens.expiringAt(Peers.token("admin"),
                java.time.Instant.now().minusSeconds(60));
        Response out = io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", expired)
                .cookie("mdms_csrf", csrf.cookie()).formParam("csrf", csrf.field())
                .post("/ui/images/" + image + "/restore");
        assertEquals(307, out.statusCode(), out.asString());
        assertTrue(out.header("Location").startsWith("http://localhost:8081/ui/session/renew?next="),
                out.header("Location"));
        // form-action governs the redirects of a form's answer too: exactly patient-service's console (the
        // configured mdms.console.patient-url), no other origin
        String csp = out.header("Content-Security-Policy");
        assertTrue(csp.contains("; form-action 'self' http://localhost:8081; "), csp);
        assertFalse(csp.contains("*"), csp);
        ConsoleCookies.as("doctor").get("/ui/patients/" + Peers.patientP() + "/images").then().statusCode(200)
                .header("Content-Security-Policy", containsString("; form-action 'self' http://localhost:8081; "));
    }

    @Test
    void aHostileTitleFileNameAndDescriptionAreShownAsText() {
        long p = Peers.patientP();
        long id = hostileImage(p);
        String gallery = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images").then().statusCode(200)
                .extract().asString();
        assertTrue(gallery.contains(ESCAPED_XSS), "escaped title");
        assertFalse(gallery.contains(XSS), "never raw");
        String viewer = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images/" + id).then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertFalse(viewer.contains(XSS), "never raw in the viewer");
        assertTrue(viewer.contains("id=\"image-description\">" + ESCAPED_XSS), viewer);
    }

    @Test
    void theCategoryFilterAndTheViewer() {
        long p = Peers.patientP();
        long ecg = apiUpload(p, "ECG", "静息心电图");
        long other = apiUpload(p, "OTHER", "其他资料");
        String filtered = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?category=ECG&lang=en")
                .then().statusCode(200).extract().asString();
        assertTrue(filtered.contains("id=\"tile-" + ecg + "\""), "the ECG is listed");
        assertFalse(filtered.contains("id=\"tile-" + other + "\""), "the other category is not");
        assertTrue(filtered.contains("<option value=\"ECG\" selected>ECG</option>"), "the filter is kept, in English");
        ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?category=XRAY").then().statusCode(400)
                .body(containsString("category"));
        ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?page=x").then().statusCode(400);

        String viewer = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images/" + ecg).then().statusCode(200)
                .extract().asString();
        assertTrue(viewer.contains("src=\"/api/v1/images/" + ecg + "/preview\""), "the preview");
        assertTrue(viewer.contains("href=\"/api/v1/images/" + ecg + "/content\" download="), "the download");
        ConsoleCookies.as("doctor").get("/api/v1/images/" + ecg + "/preview").then().statusCode(200);
        ConsoleCookies.as("doctor").get("/api/v1/images/" + ecg + "/content").then().statusCode(200)
                .contentType("image/jpeg");
        // the image under another patient's address is not found there
        ConsoleCookies.as("admin").get("/ui/patients/" + Peers.patientQ() + "/images/" + ecg).then().statusCode(404);
    }

    @Test
    void theGalleryPages() {
        long p = Peers.patientP();
        long missing = GalleryResource.PAGE_SIZE + 1 - Math.min(count(p), GalleryResource.PAGE_SIZE + 1);
        for (int i = 0; i < missing; i++) {
            apiUpload(p, "LAB_SHEET", "化验单 " + i);
        }
        String first = ConsoleCookies.as("admin").get("/ui/patients/" + p + "/images").then().statusCode(200)
                .body(containsString("id=\"next-page\"")).body(not(containsString("id=\"previous-page\"")))
                .extract().asString();
        assertEquals(GalleryResource.PAGE_SIZE, first.split("class=\"tile\"", -1).length - 1, "a full first page");
        ConsoleCookies.as("admin").get("/ui/patients/" + p + "/images?page=1").then().statusCode(200)
                .body(containsString("id=\"previous-page\""));
    }

    @Test
    void aTechnicianUploadsToAVisitOfThePatientChosenOnTheForm() {
        long p = Peers.patientP();
        long visit = Peers.visitOfP();
        String gallery = ConsoleCookies.as("technician").get("/ui/patients/" + p + "/images").then().statusCode(200)
                .extract().asString();
        assertTrue(gallery.contains("<select id=\"visit\" name=\"visitId\""), "the patient's visits to choose");
        assertTrue(gallery.contains("<option value=\"" + visit + "\">"), "among them the doctor's visit of P");
        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("technician", p);
        Response posted = upload("technician", p, csrf, TestImages.jpeg(320, 240), "心电图.jpg",
                Map.of("category", "ECG", "visitId", Long.toString(visit)));
        posted.then().statusCode(303);
        long id = Long.parseLong(posted.header("Location").replaceAll(".*uploaded=", ""));
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200).body("visitId", equalTo((int) visit));

        long before = count(p);
        String refused = upload("technician", p, csrf, TestImages.jpeg(64, 64), "a.jpg",
                Map.of("category", "ECG", "visitId", "999999999")).then().statusCode(422).extract().asString();
        assertTrue(refused.contains("id=\"visit-error\""), "the API's 422 beside the visit: " + refused);
        assertEquals(before, count(p), "nothing stored");
        // a patient's own gallery offers their visits too; an analyst's refusal shows no form at all
        assertTrue(ConsoleCookies.as("patient").get("/ui/patients/" + p + "/images").asString()
                .contains("<option value=\"" + visit + "\">"));
    }

    @Test
    void theGalleryByUploadDate() {
        long p = Peers.patientP();
        long today = apiUpload(p, "EXAM_REPORT", "今日报告");
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        String shown = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?category=EXAM_REPORT&from="
                + day + "&to=" + day).then().statusCode(200).extract().asString();
        assertTrue(shown.contains("id=\"tile-" + today + "\""), "uploaded today");
        assertTrue(shown.contains("<time datetime=") && shown.contains(">" + day + "</time>"), "with its day");
        assertTrue(shown.contains("id=\"from-filter\" name=\"from\" value=\"" + day + "\""), "the dates kept");
        String later = ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?from=" + tomorrow).then()
                .statusCode(200).extract().asString();
        assertFalse(later.contains("id=\"tile-" + today + "\""), "not uploaded from tomorrow on");
        ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?from=yesterday").then().statusCode(400)
                .contentType(containsString("text/html")).body(containsString("from"));
        ConsoleCookies.as("doctor").get("/ui/patients/" + p + "/images?from=" + tomorrow + "&to=" + day).then()
                .statusCode(400).body(containsString("to"));
    }

    @Test
    void anAdminSeesTheDeletedImagesAndRestoresOne() {
        long p = Peers.patientP();
        long id = apiUpload(p, "OTHER", "误传的资料");
        Api.as("doctor").queryParam("reason", "传错了患者 " + XSS).delete("/api/v1/images/" + id).then()
                .statusCode(200);
        String list = ConsoleCookies.as("admin").get("/ui/images/deleted").then().statusCode(200).extract()
                .asString();
        assertTrue(list.contains("id=\"deleted-" + id + "\""), "the deleted image is listed");
        assertTrue(list.contains("传错了患者 " + ESCAPED_XSS) && !list.contains(XSS), "with its reason, as text");
        assertTrue(ConsoleCookies.as("admin").get("/ui/patients/" + p + "/images").asString()
                .contains("href=\"/ui/images/deleted\""), "linked from the admin's navigation");
        ConsoleCookies.as("doctor").get("/ui/images/deleted").then().statusCode(403)
                .contentType(containsString("text/html"));

        ConsoleCookies.Csrf csrf = ConsoleCookies.csrf("admin", p);
        String restore = "/ui/images/" + id + "/restore";
        ConsoleCookies.as("admin").cookie("mdms_csrf", csrf.cookie()).formParam("csrf", "forged").post(restore)
                .then().statusCode(403);
        ConsoleCookies.Csrf doctors = ConsoleCookies.csrf("doctor", p);
        ConsoleCookies.as("doctor").cookie("mdms_csrf", doctors.cookie()).formParam("csrf", doctors.field())
                .post(restore).then().statusCode(403);
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200)
                .body("deletedAt", org.hamcrest.Matchers.notNullValue()); // still deleted

        ConsoleCookies.as("admin").cookie("mdms_csrf", csrf.cookie()).formParam("csrf", csrf.field()).post(restore)
                .then().statusCode(303).header("Location", endsWith("/ui/images/deleted?restored=" + id));
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200).body("deletedAt", equalTo(null));
        String again = ConsoleCookies.as("admin").cookie("mdms_csrf", csrf.cookie()).formParam("csrf", csrf.field())
                .post(restore).then().statusCode(409).extract().asString();
        assertTrue(again.contains("id=\"restore-problem\""), "the API's 409 above the list: " + again);
        assertFalse(again.contains("id=\"deleted-" + id + "\""), "no longer among the deleted");
    }

    @Test
    void signingOutHereEndsTheSessionForEveryApi() throws InterruptedException {
        long p = Peers.patientP();
        // a session of its own: the other tests' cached token must stay signed in
        String token = Peers.login("nurse", Peers.PASSWORD).path("access_token");
        Response page = io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", token)
                .get("/ui/patients/" + p + "/images");
        page.then().statusCode(200).body(containsString("id=\"sign-out\""));
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page.asString());
        assertTrue(field.find());
        String cookie = page.getCookie("mdms_csrf");
        io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", token)
                .cookie("mdms_csrf", cookie).formParam("csrf", "forged").post("/ui/sign-out").then().statusCode(403);
        io.restassured.RestAssured.given().baseUri(Peers.url()).auth().oauth2(token)
                .get("/api/v1/patients/" + p).then().statusCode(200);

        Response out = io.restassured.RestAssured.given().redirects().follow(false).cookie("mdms_session", token)
                .cookie("mdms_csrf", cookie).formParam("csrf", field.group(1)).post("/ui/sign-out");
        out.then().statusCode(303).header("Location", equalTo("http://localhost:8081/ui/sign-in"));
        assertTrue(out.getDetailedCookie("mdms_session").getMaxAge() == 0, "the cookie is cleared");
        io.restassured.RestAssured.given().baseUri(Peers.url()).auth().oauth2(token)
                .get("/api/v1/patients/" + p).then().statusCode(401);
        // here within the revocation bound (mdms.patient.revocation-refresh)
        int status = 0;
        for (int i = 0; i < 40 && status != 401; i++) {
            status = io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/images?patientId=" + p)
                    .statusCode();
            if (status != 401) {
                Thread.sleep(250);
            }
        }
        assertEquals(401, status, "the ended session's token is refused by this service's API too");
    }

    static Response upload(String user, long patientId, ConsoleCookies.Csrf csrf, byte[] bytes, String fileName,
                           Map<String, String> fields) {
        var request = ConsoleCookies.as(user).cookie("mdms_csrf", csrf.cookie())
                .multiPart(new MultiPartSpecBuilder(bytes).controlName("file").fileName(fileName)
                        .mimeType(fileName.isEmpty() ? "application/octet-stream" : "image/jpeg").build())
                .multiPart("csrf", csrf.field());
        for (Map.Entry<String, String> field : fields.entrySet()) {
            request = request.multiPart(new MultiPartSpecBuilder(field.getValue()).controlName(field.getKey())
                    .charset(StandardCharsets.UTF_8).build());
        }
        return request.post("/ui/patients/" + patientId + "/images");
    }

    /** An image of P with a hostile title, file name and description, uploaded through the API. */
    static long hostileImage(long patientId) {
        Map<String, String> fields = Api.fields(patientId, "OTHER");
        fields.put("title", XSS);
        fields.put("description", XSS);
        return Api.upload("doctor", TestImages.jpeg(120, 90), XSS + ".jpg", "image/jpeg", fields)
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long apiUpload(long patientId, String category, String title) {
        Map<String, String> fields = Api.fields(patientId, category);
        fields.put("title", title);
        return Api.upload("doctor", TestImages.jpeg(96, 64), "scan.jpg", "image/jpeg", fields)
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long count(long patientId) {
        return Api.as("admin").queryParam("patientId", patientId).get("/api/v1/images").then().statusCode(200)
                .extract().jsonPath().getLong("totalItems");
    }

}
