package org.mdms.records.drug;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.mdms.records.TestUsers;
import org.mdms.records.visit.Clinic;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class DrugResourceTest {

    private static final String DRUGS = "/api/v1/drugs";

    @Test
    void pharmacistAddsUpdatesAndDeactivatesWithChineseTextAndChangeEvents() {
        Clinic clinic = Clinic.get();
        String code = TestUsers.unique("AMOX");
        String location = given().auth().oauth2(clinic.pharmacist.token()).contentType(ContentType.JSON)
                .body(Clinic.drugBody(code, "1.25")).post(DRUGS).then().statusCode(201)
                .header("Location", containsString(DRUGS + "/"))
                .body("code", equalTo(code)).body("name", equalTo("阿莫西林胶囊")).body("category", equalTo("抗生素"))
                .body("price", equalTo(1.25f)).body("active", equalTo(true))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        // any signed-in user reads the catalogue, patients included
        given().auth().oauth2(clinic.patient.token()).get(location).then().statusCode(200)
                .body("manufacturer", equalTo("华北制药")).body("unit", equalTo("粒"));

        Map<String, Object> changed = Clinic.drugBody(code, "2.50");
        changed.put("name", "阿莫西林胶囊（新包装）");
        given().auth().oauth2(Clinic.admin()).contentType(ContentType.JSON).body(changed).put(location)
                .then().statusCode(200).body("price", equalTo(2.5f)).body("name", equalTo("阿莫西林胶囊（新包装）"))
                .body("version", equalTo(1));

        given().auth().oauth2(clinic.pharmacist.token()).post(location + "/deactivate").then().statusCode(200)
                .body("active", equalTo(false));
        given().auth().oauth2(clinic.pharmacist.token()).get(location).then().body("active", equalTo(false));
        given().auth().oauth2(clinic.pharmacist.token()).post(location + "/activate").then().statusCode(200)
                .body("active", equalTo(true));
        given().auth().oauth2(clinic.pharmacist.token()).delete(location).then().statusCode(200)
                .body("active", equalTo(false));

        List<Map<String, Object>> events = Clinic.changesOf("DRUG", id);
        assertEquals(5, events.size(), "create, update, deactivate, activate, delete");
        Map<String, Object> last = (Map<String, Object>) events.get(4).get("payload");
        assertEquals(code, last.get("code"));
        assertEquals(false, last.get("active"));
        assertEquals(2.5, ((Number) last.get("price")).doubleValue(), 0.0001);
        assertEquals("Amoxicillin", last.get("genericName"));
        assertEquals(true, last.keySet().containsAll(List.of("id", "code", "name", "genericName", "category",
                "dosageForm", "strength", "unit", "price", "active")));
    }

    @Test
    void searchByPrefixOfCodeNameOrGenericNameAndByCategoryWithPaging() {
        String prefix = TestUsers.unique("SRCH").toUpperCase();
        String admin = Clinic.admin();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = Clinic.drugBody(prefix + "-" + i, "3.0" + i);
            body.put("name", "布洛芬" + prefix + i);
            body.put("genericName", "Ibuprofen" + prefix);
            body.put("category", "解热镇痛-" + prefix);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).post(DRUGS).then().statusCode(201);
        }
        given().auth().oauth2(admin).queryParam("search", prefix).queryParam("size", 2)
                .queryParam("sort", "code,desc").get(DRUGS).then().statusCode(200)
                .body("totalItems", equalTo(3)).body("totalPages", equalTo(2)).body("items", hasSize(2))
                .body("items[0].code", equalTo(prefix + "-2"));
        given().auth().oauth2(admin).queryParam("search", prefix).queryParam("size", 2).queryParam("page", 1)
                .queryParam("sort", "code,desc").get(DRUGS).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].code", equalTo(prefix + "-0"));
        given().auth().oauth2(admin).queryParam("search", "布洛芬" + prefix).get(DRUGS).then()
                .body("totalItems", equalTo(3));
        given().auth().oauth2(admin).queryParam("search", "Ibuprofen" + prefix).get(DRUGS).then()
                .body("totalItems", equalTo(3));
        given().auth().oauth2(admin).queryParam("category", "解热镇痛-" + prefix).queryParam("sort", "price")
                .get(DRUGS).then().body("totalItems", equalTo(3))
                .body("items.code", hasItems(prefix + "-0", prefix + "-1", prefix + "-2"))
                .body("items.category", everyItem(equalTo("解热镇痛-" + prefix)));
        // '%' is a character to search for, not a wildcard
        given().auth().oauth2(admin).queryParam("search", "%").get(DRUGS).then().statusCode(200)
                .body("totalItems", equalTo(0));
        given().auth().oauth2(admin).queryParam("sort", "manufacturer").get(DRUGS).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("sort"));
        given().auth().oauth2(admin).queryParam("size", 0).get(DRUGS).then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void activeFilterListsOnlyPrescribableDrugs() {
        String prefix = TestUsers.unique("ACT").toUpperCase();
        String admin = Clinic.admin();
        Number keep = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Clinic.drugBody(prefix + "-A", "1")).post(DRUGS).then().statusCode(201).extract().path("id");
        Number drop = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Clinic.drugBody(prefix + "-B", "1")).post(DRUGS).then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).post(DRUGS + "/" + drop + "/deactivate").then().statusCode(200);
        given().auth().oauth2(admin).queryParam("search", prefix).queryParam("active", true).get(DRUGS).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(keep.intValue()));
        given().auth().oauth2(admin).queryParam("search", prefix).queryParam("active", false).get(DRUGS).then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(drop.intValue()));
    }

    @Test
    void badInputIsA400NamingTheField() {
        String admin = Clinic.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{}").post(DRUGS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("code", "name", "category", "dosageForm", "strength", "unit", "price"));
        Map<String, Object> negative = Clinic.drugBody(TestUsers.unique("NEG"), "-1");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(negative).post(DRUGS).then().statusCode(400)
                .body("errors[0].field", equalTo("price"));
        Map<String, Object> fraction = Clinic.drugBody(TestUsers.unique("FRC"), "1.234");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(fraction).post(DRUGS).then().statusCode(400)
                .body("errors[0].field", equalTo("price"));
        Map<String, Object> longName = Clinic.drugBody(TestUsers.unique("LNG"), "1");
        longName.put("name", "药".repeat(201));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(longName).post(DRUGS).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        Map<String, Object> wrongType = Clinic.drugBody(TestUsers.unique("TYP"), "1");
        wrongType.put("price", "cheap");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(wrongType).post(DRUGS).then().statusCode(400)
                .body("errors[0].field", equalTo("price"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"code\": ").post(DRUGS).then()
                .statusCode(400).contentType("application/problem+json").body("detail", startsWith("request body"));
    }

    @Test
    void duplicateCodeIsAConflictAndUnknownIdA404() {
        String admin = Clinic.admin();
        String code = TestUsers.unique("DUP");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Clinic.drugBody(code, "1")).post(DRUGS)
                .then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Clinic.drugBody(code, "2")).post(DRUGS)
                .then().statusCode(409).contentType("application/problem+json").body("errors[0].field", equalTo("code"));
        given().auth().oauth2(admin).get(DRUGS + "/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Clinic.drugBody(TestUsers.unique("X"), "1"))
                .put(DRUGS + "/999999999").then().statusCode(404);
    }

    @Test
    void onlyAdminsAndPharmacistsWriteAndEveryoneMustSignIn() {
        Clinic clinic = Clinic.get();
        given().get(DRUGS).then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Clinic.drugBody(TestUsers.unique("NA"), "1")).post(DRUGS)
                .then().statusCode(401);
        for (String token : List.of(clinic.doctor.token(), clinic.nurse.token(), clinic.patient.token(),
                clinic.analyst.token())) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Clinic.drugBody(TestUsers.unique("NO"), "1"))
                    .post(DRUGS).then().statusCode(403).contentType("application/problem+json");
        }
        long id = Clinic.addDrug("1.00");
        given().auth().oauth2(clinic.doctor.token()).post(DRUGS + "/" + id + "/deactivate").then().statusCode(403);
        given().auth().oauth2(clinic.doctor.token()).get(DRUGS + "/" + id).then().statusCode(200)
                .body("active", equalTo(true));
        given().auth().oauth2(clinic.analyst.token()).get(DRUGS).then().statusCode(200)
                .body("items.id", hasItem((int) id) );
    }
}
