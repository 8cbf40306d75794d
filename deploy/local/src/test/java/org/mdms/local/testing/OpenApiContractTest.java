package org.mdms.local.testing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared walk finds nothing wrong in a right document and names each fault planted in a wrong one. */
class OpenApiContractTest {

    private static final String PROBLEM = """
            {"description": "x", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}""";

    private static final String RIGHT = """
            {"servers": [{"url": "http://localhost:8080"}],
             "components": {
               "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
               "schemas": {
                 "Problem": {"properties": {"type": {}, "title": {}, "status": {}, "detail": {}, "instance": {}, "errors": {}}},
                 "FieldError": {"properties": {"field": {}, "message": {}}},
                 "Patient": {"properties": {"id": {}}}}},
             "paths": {
               "/patients/{id}": {"get": {"operationId": "getPatient", "security": [{"bearer": []}],
                 "parameters": [{"name": "id", "in": "path", "example": 1}],
                 "responses": {
                   "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}, "example": {"id": 1}}}},
                   "400": PROBLEM, "401": PROBLEM, "403": PROBLEM, "404": PROBLEM}}},
               "/patients": {"post": {"operationId": "registerPatient", "security": [{"bearer": []}],
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}, "example": {"id": 1}}}},
                 "responses": {
                   "201": {"headers": {"Location": {}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}, "example": {"id": 1}}}},
                   "400": PROBLEM, "401": PROBLEM, "403": PROBLEM}}},
               "/signin": {"post": {"operationId": "signIn", "security": [],
                 "requestBody": {"content": {"application/json": {"example": {"username": "a"}}}},
                 "responses": {"200": {"content": {"application/json": {"example": {"token": "t"}}}}, "400": PROBLEM}}}}}
            """.replace("PROBLEM", PROBLEM);

    private static OpenApiContract right() {
        return OpenApiContract.of(RIGHT, 3, Set.of("signIn"));
    }

    private static OpenApiContract wrong(String from, String to) {
        assertTrue(RIGHT.contains(from), from);
        return OpenApiContract.of(RIGHT.replace(from, to), 3, Set.of("signIn"));
    }

    @Test
    void aRightDocumentHasNothingWrong() {
        OpenApiContract contract = right();
        assertEquals(Set.of("getPatient", "registerPatient", "signIn"), contract.operationIds());
        assertEquals(List.of(), contract.operationIdProblems());
        assertEquals(List.of(), contract.securityProblems());
        assertEquals(List.of(), contract.errorResponseProblems(path -> path.contains("{id}")));
        assertEquals(List.of(), contract.createProblems(Set.of("registerPatient")));
        assertEquals(List.of(), contract.unresolvedReferences());
        assertEquals(List.of(), contract.missingExamples());
    }

    @Test
    void eachPlantedFaultIsNamed() {
        assertEquals(List.of("GET /patients/{id} needs an operationId: add a row to ApiContract"),
                wrong("\"getPatient\"", "\"get_patient\"").operationIdProblems());
        assertEquals(List.of("operationId registerPatient is used twice"),
                wrong("\"signIn\"", "\"registerPatient\"").operationIdProblems());
        assertEquals(List.of("POST /signin needs the bearer token: []"),
                OpenApiContract.of(RIGHT, 3, Set.of()).securityProblems());
        assertEquals(List.of("GET /patients/{id} declares 404"),
                wrong("\"404\": " + PROBLEM, "\"418\": " + PROBLEM).errorResponseProblems(path -> path.contains("{id}")));
        assertEquals(List.of("POST /patients declares 401 and 403"),
                wrong("\"400\": " + PROBLEM + ", \"401\": " + PROBLEM + ", \"403\": " + PROBLEM + "}}},\n   \"/signin\"",
                        "\"400\": " + PROBLEM + "}}},\n   \"/signin\"").errorResponseProblems(path -> false));
        assertEquals(List.of("POST /patients 201 names its Location header", "addDrug is not in the document"),
                wrong("\"headers\": {\"Location\": {}}, ", "").createProblems(Set.of("registerPatient", "addDrug")));
        assertEquals(List.of("schema Patient is declared"),
                wrong("\"Patient\": {\"properties\": {\"id\": {}}}", "\"Person\": {}").unresolvedReferences()
                        .stream().distinct().toList());
        assertEquals(List.of("GET /patients/{id} parameter id"),
                wrong("\"in\": \"path\", \"example\": 1", "\"in\": \"path\"").missingExamples());
        assertThrows(AssertionError.class, () -> OpenApiContract.of(RIGHT, 4, Set.of()));
    }
}
