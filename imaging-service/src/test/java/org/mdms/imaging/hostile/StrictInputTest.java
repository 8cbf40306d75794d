package org.mdms.imaging.hostile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Bucket;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import java.nio.charset.StandardCharsets;

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
