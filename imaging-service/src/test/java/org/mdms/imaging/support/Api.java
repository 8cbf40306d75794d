package org.mdms.imaging.support;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** imaging-service's API as the tests call it. */
public final class Api {

    // browser-compatible multipart sends the file name as UTF-8 (strict mode would turn 心电图 into ???)
    private static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                    .httpMultipartMode(org.apache.http.entity.mime.HttpMultipartMode.BROWSER_COMPATIBLE))
            .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8)
                    .defaultFileName(null));

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().config(UTF8).header("Authorization", Peers.bearer(user));
    }

    public static Map<String, String> fields(long patientId, String category) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("patientId", Long.toString(patientId));
        fields.put("category", category);
        return fields;
    }

    public static Response upload(String user, byte[] bytes, String fileName, String mimeType, Map<String, String> fields) {
        RequestSpecification request = as(user);
        if (bytes != null) {
            request = request.multiPart(new MultiPartSpecBuilder(bytes).controlName("file").fileName(fileName)
                    .mimeType(mimeType).build());
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            request = request.multiPart(new MultiPartSpecBuilder(field.getValue()).controlName(field.getKey())
                    .charset(StandardCharsets.UTF_8).mimeType("text/plain").build());
        }
        return request.post("/api/v1/images");
    }

    /** Uploads a small JPEG and returns its id. */
    public static long uploadJpeg(String user, long patientId, String visibility) {
        Map<String, String> fields = fields(patientId, "DIAGNOSTIC_IMAGE");
        fields.put("visibility", visibility);
        fields.put("title", "test " + visibility);
        Number id = upload(user, TestImages.jpeg(320, 200), "scan.jpg", "image/jpeg", fields)
                .then().statusCode(201).extract().path("id");
        return id.longValue();
    }
}
