package org.mdms.imaging.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller whose role may never use an endpoint gets 403, whatever the parameters: the role is checked before them,
 * so the refusal does not depend on (nor tell about) how the request was written. The same requests from a role that
 * may use the endpoint get the 400 naming the parameter. Against the real patient-service.
 */
@QuarkusTest
class RoleBeforeParametersTest {

    private final List<String> wrong = new ArrayList<>();

    /** Records an answer other than {@code status} (with the field a 400 names), so one run shows every one. */
    private void expect(String user, String request, int status, String field,
                        Function<io.restassured.specification.RequestSpecification, Response> call) {
        Response answer = call.apply(Api.as(user));
        String named = answer.statusCode() == 400 ? answer.jsonPath().getString("errors[0].field") : null;
        if (answer.statusCode() != status || field != null && !field.equals(named)) {
            wrong.add(user + " " + request + ": " + answer.statusCode() + " " + answer.asString());
        }
    }

    @Test
    void aRoleThatMayNotUseAnEndpointIsRefusedBeforeItsParametersAreRead() {
        long image = Api.uploadJpeg("admin", Peers.patientP(), "PUBLIC");
        // image search: analysts read no patient's images
        expect("analyst", "GET /images?from=yesterday", 403, null,
                r -> r.queryParam("from", "yesterday").get("/api/v1/images"));
        expect("analyst", "GET /images?size=0", 403, null, r -> r.queryParam("size", 0).get("/api/v1/images"));
        expect("admin", "GET /images?from=yesterday", 400, "from",
                r -> r.queryParam("from", "yesterday").get("/api/v1/images"));
        // a patient id that is no number: read as the role allows, not before
        expect("analyst", "GET /images?patientId=abc", 403, null,
                r -> r.queryParam("patientId", "abc").get("/api/v1/images"));
        expect("analyst", "GET /images?visitId=abc", 403, null,
                r -> r.queryParam("visitId", "abc").get("/api/v1/images"));
        expect("admin", "GET /images?patientId=abc", 400, "patientId",
                r -> r.queryParam("patientId", "abc").get("/api/v1/images"));
        // a parameter that is no plain text (a NUL): refused as the role says first, then named
        expect("analyst", "GET /images?category=ECG%00", 403, null,
                r -> r.urlEncodingEnabled(false).queryParam("category", "ECG%00").get("/api/v1/images"));
        expect("admin", "GET /images?category=ECG%00", 400, "category",
                r -> r.urlEncodingEnabled(false).queryParam("category", "ECG%00").get("/api/v1/images"));
        // a change by a role that may never change images, with a body that breaks its limits or is no JSON
        expect("analyst", "PATCH /images/{id} (title too long)", 403, null,
                r -> r.contentType("application/json").body(Map.of("title", "x".repeat(201), "version", 0))
                        .patch("/api/v1/images/" + image));
        expect("analyst", "PATCH /images/{id} (not JSON)", 403, null,
                r -> r.contentType("application/json").body("{not json").patch("/api/v1/images/" + image));
        expect("admin", "PATCH /images/{id} (title too long)", 400, "title",
                r -> r.contentType("application/json").body(Map.of("title", "x".repeat(201), "version", 0))
                        .patch("/api/v1/images/" + image));
        // a presigned URL
        expect("analyst", "GET /images/{id}/url?variant=HUGE", 403, null,
                r -> r.queryParam("variant", "HUGE").get("/api/v1/images/" + image + "/url"));
        expect("admin", "GET /images/{id}/url?variant=HUGE", 400, "variant",
                r -> r.queryParam("variant", "HUGE").get("/api/v1/images/" + image + "/url"));
        // soft delete without the required reason
        expect("analyst", "DELETE /images/{id}", 403, null, r -> r.delete("/api/v1/images/" + image));
        expect("admin", "DELETE /images/{id}", 400, "reason", r -> r.delete("/api/v1/images/" + image));
        // DICOM studies: a bad date, no patient
        expect("analyst", "GET /dicom/studies?from=yesterday", 403, null,
                r -> r.queryParam("from", "yesterday").get("/api/v1/dicom/studies"));
        expect("analyst", "GET /dicom/studies", 403, null, r -> r.get("/api/v1/dicom/studies"));
        expect("analyst", "GET /dicom/studies?patientId=abc", 403, null,
                r -> r.queryParam("patientId", "abc").get("/api/v1/dicom/studies"));
        expect("doctor", "GET /dicom/studies?patientId=abc", 400, "patientId",
                r -> r.queryParam("patientId", "abc").get("/api/v1/dicom/studies"));
        expect("doctor", "GET /dicom/studies", 400, "patientId", r -> r.get("/api/v1/dicom/studies"));
        // DICOM reads by a malformed UID
        expect("analyst", "GET /dicom/studies/not-a-uid/series", 403, null,
                r -> r.get("/api/v1/dicom/studies/not-a-uid/series"));
        expect("analyst", "GET /dicom/studies/1.2.3/series/x!/instances/1.2/metadata", 403, null,
                r -> r.get("/api/v1/dicom/studies/1.2.3/series/x!/instances/1.2/metadata"));
        expect("admin", "GET /dicom/studies/not-a-uid/series", 400, "study",
                r -> r.get("/api/v1/dicom/studies/not-a-uid/series"));
        // uploads by a role that may not upload, with every field wrong
        expect("analyst", "POST /images (bad fields)", 403, null,
                r -> r.multiPart("patientId", "abc").multiPart("category", "NOPE").post("/api/v1/images"));
        expect("analyst", "POST /dicom/instances (not DICOM)", 403, null,
                r -> r.contentType("application/dicom").body(new byte[]{1, 2, 3}).post("/api/v1/dicom/instances"));
        // the admins' endpoints
        expect("doctor", "GET /images/deleted?page=-1", 403, null,
                r -> r.queryParam("page", -1).get("/api/v1/images/deleted"));
        expect("doctor", "GET /images/audit?action=NOPE", 403, null,
                r -> r.queryParam("action", "NOPE").get("/api/v1/images/audit"));
        expect("doctor", "GET /admin/images/reports?size=0", 403, null,
                r -> r.queryParam("size", 0).get("/api/v1/admin/images/reports"));
        expect("doctor", "POST /images/{id}/restore", 403, null, r -> r.post("/api/v1/images/" + image + "/restore"));
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
