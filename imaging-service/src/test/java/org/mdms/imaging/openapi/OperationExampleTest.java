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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The document's request examples are requests the service takes (as admin): the image update's JSON example and
 * the upload form built from its parts' examples with a real PNG are not refused as bad input (400, 415). A path id
 * names an image that does not exist, so the update changes nothing; 404 and 422 (the example's patient or visit
 * is not in this database) are not about the example's shape.
 */
@QuarkusTest
@QuarkusTestResource(value = ImagingPeersResource.class, restrictToAnnotatedClass = false)
class OperationExampleTest {

    private static final Set<Integer> BAD_INPUT = Set.of(400, 415, 500);

    private static JsonPath document() {
        return JsonPath.from(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void theImageUpdateExampleIsAcceptedAsInput() {
        Object example = document().get("paths.'/api/v1/images/{id}'.patch.requestBody.content.'application/json'.example");
        assertNotNull(example, "updateImage has a request example");
        Response answer = given().auth().oauth2(Peers.token("admin")).contentType("application/json").body(example)
                .patch("/api/v1/images/987654321");
        assertFalse(BAD_INPUT.contains(answer.statusCode()), answer.statusCode() + " " + answer.asString());
    }

    @Test
    void theUploadFormFromItsPartExamplesIsAcceptedAsInput() throws IOException {
        Map<String, Map<String, Object>> parts = document().getMap("components.schemas.ImageUploadForm.properties");
        RequestSpecification request = given().auth().oauth2(Peers.token("admin"))
                .multiPart("file", "ecg.png", png(), "image/png");
        parts.forEach((name, part) -> {
            if (part.get("examples") instanceof java.util.List<?> examples && !examples.isEmpty()) {
                request.multiPart(name, String.valueOf(examples.get(0)));
            }
        });
        Response answer = request.post("/api/v1/images");
        assertFalse(BAD_INPUT.contains(answer.statusCode()), answer.statusCode() + " " + answer.asString());
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xff3366);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
