package org.mdms.imaging.dicom;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.mdms.imaging.support.Api;
import org.mdms.imaging.support.Peers;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** What the DICOM test classes share: patients made through patient-service's API, fresh UIDs, an admin's upload. */
final class DicomFixtures {

    /** One counter for all DICOM test classes of a run: no two of their instances share a UID. */
    private static final AtomicLong UIDS = new AtomicLong(System.currentTimeMillis() * 10);

    record Patient(long id, String mrn) {
    }

    private DicomFixtures() {
    }

    /** A new patient with a fresh MRN (prefixed to tell the test classes' patients apart). */
    static Patient newPatient(String mrnPrefix, String name, String birthDate) {
        String mrn = mrnPrefix + System.nanoTime();
        Number id = given().baseUri(Peers.url()).header("Authorization", Peers.bearer("admin"))
                .contentType(ContentType.JSON)
                .body(Map.of("mrn", mrn, "name", name, "gender", "FEMALE", "birthDate", birthDate))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        return new Patient(id.longValue(), mrn);
    }

    static String uid() {
        return "1.2.826.0.1.3680043.8.498." + UIDS.incrementAndGet();
    }

    /** One DICOM Part 10 file, uploaded by the admin. */
    static Response upload(byte[] file) {
        return Api.as("admin").contentType("application/dicom").body(file).post("/api/v1/dicom/instances");
    }
}
