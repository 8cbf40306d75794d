package org.mdms.imaging.hostile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;
import org.mdms.imaging.support.TestImages;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The imaging findings of the hostile review, each with the request that showed it. */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class StrictInputTest {

    @Test
    void malformedParametersAre400sNamingTheParameterNot404s() {
        Api.as("admin").queryParam("patientId", "abc").get("/api/v1/images")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("errors[0].field", equalTo("patientId"))
                .body("detail", not(containsString("HTTP 404")));
        // worded as in the other two services: "must be ..., got '...'" (ErrorDialectTest)
        Api.as("admin").queryParam("category", "NOPE").get("/api/v1/images")
                .then().statusCode(400).body("errors[0].field", equalTo("category"))
                .body("errors[0].message", equalTo("must be one of PATIENT_PHOTO, ID_DOCUMENT, EXAM_REPORT, "
                        + "DIAGNOSTIC_IMAGE, PRESCRIPTION, LAB_SHEET, ECG, RECORD_PHOTO, OTHER, got 'NOPE'"));
        Api.as("admin").queryParam("from", "2026-13-45").get("/api/v1/images")
                .then().statusCode(400).body("errors[0].field", equalTo("from"))
                .body("errors[0].message", equalTo("must be a date as yyyy-MM-dd, got '2026-13-45'"))
                .body("detail", equalTo("from: must be a date as yyyy-MM-dd, got '2026-13-45'"));
        Api.as("admin").get("/api/v1/images/abc/thumbnail")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        Api.as("admin").queryParam("page", 2147483647).queryParam("size", 100).get("/api/v1/images")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("page"));
        Api.as("admin").queryParam("size", 201).get("/api/v1/images/deleted")
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
        // a bad page and a bad size are both reported, as in the other two services
        Api.as("admin").queryParam("page", -1).queryParam("size", 201).get("/api/v1/images")
                .then().statusCode(400).body("errors.field", contains("page", "size"))
                .body("detail", equalTo("page: page must be 0 or more; size: size must be between 1 and 200"));
        // one sort wording in the three services (ErrorDialectTest): the fields, the direction, the value sent
        String fields = "category, createdAt, deletedAt, id, sizeBytes, title, updatedAt";
        for (String sort : new String[]{"nope", "createdAt,sideways"}) {
            Api.as("admin").queryParam("sort", sort).get("/api/v1/images")
                    .then().statusCode(400).body("errors.field", contains("sort"))
                    .body("errors[0].message", equalTo("must be one of " + fields
                            + ", optionally followed by ,asc or ,desc, got '" + sort + "'"));
        }
        // several bad parameters of a search are all reported, not only the first
        Api.as("admin").queryParam("category", "NOPE").queryParam("from", "2026-13-45").queryParam("size", 0)
                .queryParam("sort", "nope").get("/api/v1/images")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("category", "from", "size", "sort"))
                .body("detail", containsString("; from: must be a date as yyyy-MM-dd, got '2026-13-45'; size: "));
        // a yes/no parameter is true or false, never read as false: ?fix=abc must not run a reconcile without fixing
        Api.as("admin").queryParam("fix", "abc").post("/api/v1/admin/images/reconcile")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("fix")).body("errors[0].message", containsString("true or false"));
    }

    @Test
    void aRecordIsAnsweredAsJsonWhateverTextTypeTheClientAccepts() {
        for (String accept : new String[]{"text/plain", "application/problem+json"}) {
            String page = Api.as("admin").accept(accept).get("/api/v1/images")
                    .then().statusCode(200).contentType("application/json").body("page", equalTo(0))
                    .extract().asString();
            assertEquals(-1, page.indexOf("View["), page);
        }
        // an Accept no answer can meet is still a 406 problem
        Api.as("admin").accept("image/png").get("/api/v1/images")
                .then().statusCode(406).contentType("application/problem+json").body("title", equalTo("Not Acceptable"));
    }

    @Test
    void aMultipartBodyWhoseBoundaryDoesNotMatchItsHeaderIsA400() {
        int objects = Bucket.all().size();
        String body = "--BBB\r\nContent-Disposition: form-data; name=\"patientId\"\r\n\r\n" + Peers.patientP()
                + "\r\n--BBB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nnot really a jpeg\r\n--BBB--\r\n";
        Api.as("admin").contentType("multipart/form-data; boundary=AAA")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/images")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Bad Request"));
        assertEquals(objects, Bucket.all().size(), "nothing may be stored");
    }

    @Test
    void textWithControlCharactersOrBytesThatAreNotUtf8IsRefusedNotTrimmedAway() {
        long id = Api.uploadJpeg("admin", Peers.patientP(), "PRIVATE");
        int objects = Bucket.all().size();
        Map<String, String> fields = Api.fields(Peers.patientP(), "ECG\u0000");
        Api.upload("admin", TestImages.jpeg(64, 64), "ecg.jpg", "image/jpeg", fields)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("category"));
        fields.put("category", "ECG");
        fields.put("title", "静息心电图\u0000");
        Api.upload("admin", TestImages.jpeg(64, 64), "ecg.jpg", "image/jpeg", fields)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        String notUtf8 = "--BBB\r\nContent-Disposition: form-data; name=\"patientId\"\r\n\r\n" + Peers.patientP()
                + "\r\n--BBB\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nECG"
                + "\r\n--BBB\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n";
        byte[] jpeg = TestImages.jpeg(64, 64);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(notUtf8.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[]{'a', (byte) 0xFF, (byte) 0xFE});
        body.writeBytes(("\r\n--BBB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jpeg);
        body.writeBytes("\r\n--BBB--\r\n".getBytes(StandardCharsets.UTF_8));
        Api.as("admin").contentType("multipart/form-data; boundary=BBB").body(body.toByteArray()).post("/api/v1/images")
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        // a reason ending in NUL (trimmed away) or in bytes that are not UTF-8 (read as U+FFFD) deleted the image
        for (String reason : new String[]{"wrong+patient%00", "wrong+patient%FF%FE"}) {
            Api.as("admin").urlEncodingEnabled(false).delete("/api/v1/images/" + id + "?reason=" + reason)
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        }
        Api.as("admin").contentType("application/json").body("{\"title\": \"胸片\\u0000\", \"version\": 0}")
                .patch("/api/v1/images/" + id).then().statusCode(400).body("errors[0].field", equalTo("title"));
        assertEquals(objects, Bucket.all().size(), "nothing may be stored");
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200)
                .body("title", equalTo("test PRIVATE")).body("version", equalTo(0));

        // the document allows 2000 characters of description: in Chinese that is 6000 bytes, past the HTTP layer's
        // default limit for a form field (2048 bytes), which answered 413
        fields.put("title", "静息心电图");
        fields.put("description", "窦".repeat(2000));
        Api.upload("admin", TestImages.jpeg(64, 64), "ecg.jpg", "image/jpeg", fields)
                .then().statusCode(201).body("description", equalTo("窦".repeat(2000)));
    }

    @Test
    void anEditTakesExactJsonOnly() {
        long id = Api.uploadJpeg("admin", Peers.patientP(), "PRIVATE");
        Api.as("admin").contentType("text/plain").body("{\"title\": \"x\"}").patch("/api/v1/images/" + id)
                .then().statusCode(415).contentType("application/problem+json")
                .body("errors.field", hasItem("Content-Type"));
        Api.as("admin").contentType("application/json").body("{\"title\": 12, \"version\": 0}")
                .patch("/api/v1/images/" + id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("title"));
        Api.as("admin").contentType("application/json").body("{\"title\": \"a\", \"title\": \"b\", \"version\": 0}")
                .patch("/api/v1/images/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("title"));
        Api.as("admin").contentType("application/json").body("{\"visibility\": 0, \"version\": 0}")
                .patch("/api/v1/images/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("visibility"));
        Api.as("admin").get("/api/v1/images/" + id).then().statusCode(200)
                .body("title", equalTo("test PRIVATE")).body("version", equalTo(0));
    }
}
