package org.mdms.imaging.openapi;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.mdms.imaging.support.ImagingPeersResource;
import org.mdms.imaging.support.Peers;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The document's request examples work (as admin): the upload form built from its parts' examples with a real PNG
 * answers 201, and the image update's JSON example, sent to that image, answers 200. The form's ids name what this
 * test's patient-service has: patientId, visitId and technicianId are replaced by the demo patient, a visit of that
 * patient and the demo technician's staff record (the examples' 7, 301 and 12 exist only in a seeded hospital);
 * every other part is sent as its example.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class OperationExampleTest {

    private static JsonPath document() {
        return JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void theUploadFormAndTheUpdateExamplesWork() throws IOException {
        JsonPath doc = document();
        Map<String, Map<String, Object>> parts = doc.getMap("components.schemas.ImageUploadForm.properties");
        Map<String, Object> ids = Map.of("patientId", Peers.patientP(), "visitId", Peers.visitOfP(),
                "technicianId", Peers.staffId("technician"));
        RequestSpecification request = given().auth().oauth2(Peers.token("admin"))
                .multiPart("file", "ecg.png", png(), "image/png");
        parts.forEach((name, part) -> {
            if (part.get("examples") instanceof java.util.List<?> examples && !examples.isEmpty()) {
                request.multiPart(name, String.valueOf(ids.getOrDefault(name, examples.get(0))));
            }
        });
        Response upload = request.post("/api/v1/images");
        assertEquals(201, upload.statusCode(), upload.asString());
        long image = upload.jsonPath().getLong("id");

        Object example = doc.get("paths.'/api/v1/images/{id}'.patch.requestBody.content.'application/json'.example");
        assertNotNull(example, "updateImage has a request example");
        Response update = given().auth().oauth2(Peers.token("admin")).contentType("application/json").body(example)
                .patch("/api/v1/images/" + image);
        assertEquals(200, update.statusCode(), update.asString());
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff3366);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
