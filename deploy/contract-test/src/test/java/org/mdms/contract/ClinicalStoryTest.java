package org.mdms.contract;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdms.client.analytics.api.DrugUsageApi;
import org.mdms.client.analytics.api.SyncApi;
import org.mdms.client.analytics.model.DrugRanking;
import org.mdms.client.analytics.model.RankedDrug;
import org.mdms.client.analytics.model.SeriesSummary;
import org.mdms.client.analytics.model.SyncRun;
import org.mdms.client.analytics.model.VitalSignSummary;
import org.mdms.client.imaging.api.ImagesApi;
import org.mdms.client.imaging.model.ImageView;
import org.mdms.client.patient.ApiException;
import org.mdms.client.patient.api.AuthApi;
import org.mdms.client.patient.api.DepartmentsApi;
import org.mdms.client.patient.api.DrugsApi;
import org.mdms.client.patient.api.HospitalsApi;
import org.mdms.client.patient.api.PatientsApi;
import org.mdms.client.patient.api.PrescriptionsApi;
import org.mdms.client.patient.api.StaffApi;
import org.mdms.client.patient.api.UsersApi;
import org.mdms.client.patient.api.VisitsApi;
import org.mdms.client.patient.api.VitalSignsApi;
import org.mdms.client.patient.model.Department;
import org.mdms.client.patient.model.DepartmentRequest;
import org.mdms.client.patient.model.Drug;
import org.mdms.client.patient.model.DrugRequest;
import org.mdms.client.patient.model.Gender;
import org.mdms.client.patient.model.Kind;
import org.mdms.client.patient.model.LoginRequest;
import org.mdms.client.patient.model.PagePatientView;
import org.mdms.client.patient.model.Patient;
import org.mdms.client.patient.model.PatientRequest;
import org.mdms.client.patient.model.Prescription;
import org.mdms.client.patient.model.PrescriptionItemRequest;
import org.mdms.client.patient.model.PrescriptionRequest;
import org.mdms.client.patient.model.Role;
import org.mdms.client.patient.model.Staff;
import org.mdms.client.patient.model.User;
import org.mdms.client.patient.model.Visit;
import org.mdms.client.patient.model.VisitRequest;
import org.mdms.client.patient.model.VisitType;
import org.mdms.client.patient.model.VitalSign;
import org.mdms.client.patient.model.VitalSignRequest;
import org.mdms.client.patient.model.VitalType;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinical story of issue 11, written only against the Java clients generated (okhttp-gson) from the three
 * documents the services wrote at build time, and run against the real services as ./mdms run starts them: if a
 * document lies (a missing scheme, an untyped body, a wrong status), a step here fails as it would for a consumer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClinicalStoryTest {

    private static final String PASSWORD = "mdms-demo";
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase();
    private static final String PATIENT_NAME = "张伟明" + "测试";
    private static final String DRUG_NAME = "阿莫西林胶囊（契约）";

    private static LocalSystem system;
    private static org.mdms.client.patient.ApiClient admin;
    private static org.mdms.client.patient.ApiClient doctor;
    private static String adminToken;
    private static String doctorToken;

    // what the story creates, step by step
    private static Staff doctorStaff;
    private static Department department;
    private static Drug drug;
    private static Patient patient;
    private static Visit visit;
    private static byte[] xray;
    private static ImageView image;

    @BeforeAll
    static void startSystem() throws Exception {
        system = new LocalSystem(Path.of(System.getProperty("mdms.contract.home", "target/system"))).start();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void adminAndDoctorSignIn() throws Exception {
        adminToken = signIn("admin");
        doctorToken = signIn("doctor");
        admin = patientClient(adminToken);
        doctor = patientClient(doctorToken);

        User me = new UsersApi(doctor).getCurrentUser();
        assertEquals("doctor", me.getUsername());
        assertEquals(Role.DOCTOR, me.getRole());
        assertEquals(Role.ADMIN, new UsersApi(admin).getCurrentUser().getRole());
        doctorStaff = new StaffApi(admin).searchStaff(null, Kind.DOCTOR, 0, null, 100, null).getItems().stream()
                .filter(staff -> me.getId().equals(staff.getUserId())).findFirst()
                .orElseThrow(() -> new AssertionError("no staff record of the signed-in doctor (user " + me.getId() + ")"));
    }

    @Test
    @Order(2)
    void adminPreparesADepartmentAndADrug() throws Exception {
        long hospitalId = new HospitalsApi(admin).searchHospitals(0, null, 1, null).getItems().get(0).getId();
        department = new DepartmentsApi(admin).createDepartment(new DepartmentRequest().hospitalId(hospitalId)
                .code("CT" + RUN).name("契约门诊" + RUN));
        assertEquals("契约门诊" + RUN, department.getName());

        drug = new DrugsApi(admin).addDrug(new DrugRequest().code("CT-" + RUN).name(DRUG_NAME).category("抗生素")
                .dosageForm("胶囊").strength("250mg").unit("粒").price(new BigDecimal("12.50")));
        assertNotNull(drug.getId());
        assertEquals(DRUG_NAME, drug.getName());
        assertEquals(0, new BigDecimal("12.50").compareTo(drug.getPrice()));
    }

    @Test
    @Order(3)
    void registerAndFindAPatientWithAChineseName() throws Exception {
        patient = new PatientsApi(admin).registerPatient(new PatientRequest().mrn("CT" + RUN).name(PATIENT_NAME)
                .gender(Gender.MALE).birthDate(LocalDate.of(1980, 5, 17)).phone("13800138000"));
        assertNotNull(patient.getId());
        assertEquals(PATIENT_NAME, patient.getName());
        assertEquals("CT" + RUN, patient.getMrn());

        PagePatientView found = new PatientsApi(admin).searchPatients(null, null, null, PATIENT_NAME, 0, null, null, 20, null);
        assertEquals(1L, found.getTotalItems());
        assertEquals(patient.getId(), found.getItems().get(0).getId());
        assertEquals(PATIENT_NAME, found.getItems().get(0).getName());
    }

    @Test
    @Order(4)
    void openAVisitAndPrescribe() throws Exception {
        visit = new VisitsApi(admin).openVisit(new VisitRequest().patientId(patient.getId()).doctorId(doctorStaff.getId())
                .departmentId(department.getId()).type(VisitType.OUTPATIENT).chiefComplaint("咳嗽三天，发热")
                .startedAt(OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS)));
        assertNotNull(visit.getId());
        assertEquals(patient.getId(), visit.getPatientId());
        assertEquals("咳嗽三天，发热", visit.getChiefComplaint());

        // the visit's doctor treats the patient now, and prescribes
        Prescription prescription = new PrescriptionsApi(doctor).prescribe(new PrescriptionRequest().visitId(visit.getId())
                .note("饭后服用").addItemsItem(new PrescriptionItemRequest().drugId(drug.getId()).quantity(3)
                        .dosage("250mg").frequency("每日三次").days(1)));
        assertNotNull(prescription.getId());
        assertEquals(patient.getId(), prescription.getPatientId());
        assertEquals(1, prescription.getItems().size());
        assertEquals(0, new BigDecimal("37.50").compareTo(prescription.getTotalAmount()),
                "3 x 12.50: " + prescription.getTotalAmount());
    }

    @Test
    @Order(5)
    void recordAVitalSign() throws Exception {
        VitalSign heartRate = new VitalSignsApi(doctor).recordVitalSign(new VitalSignRequest().patientId(patient.getId())
                .visitId(visit.getId()).type(VitalType.HEART_RATE).value(new BigDecimal("72"))
                .measuredAt(OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS)));
        assertNotNull(heartRate.getId());
        assertEquals(0, new BigDecimal("72").compareTo(heartRate.getValue()));
        assertEquals(Boolean.FALSE, heartRate.getAbnormal());
    }

    @Test
    @Order(6)
    void uploadAnImageAndReadItsMetadataAndThumbnail() throws Exception {
        xray = png(640, 480);
        File upload = Files.write(Files.createTempFile("chest-xray", ".png"), xray).toFile();
        ImagesApi images = new ImagesApi(imagingClient(adminToken));
        image = images.uploadImage(upload, patient.getId(), "DIAGNOSTIC_IMAGE", visit.getId(), null,
                "胸部X光片", "正位", null);
        assertNotNull(image.getId());
        assertEquals(patient.getId(), image.getPatientId());

        ImageView metadata = images.getImage(image.getId());
        assertEquals("胸部X光片", metadata.getTitle());
        assertEquals(ImageView.CategoryEnum.DIAGNOSTIC_IMAGE, metadata.getCategory());
        assertEquals("image/png", metadata.getContentType());
        assertEquals(640, metadata.getWidth());
        assertEquals(480, metadata.getHeight());
        assertEquals((long) xray.length, metadata.getSizeBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xray)), metadata.getSha256());

        BufferedImage thumbnail = ImageIO.read(thumbnail(images, image.getId()));
        assertNotNull(thumbnail, "the thumbnail is an image");
        assertTrue(thumbnail.getWidth() < 640 && thumbnail.getWidth() > 0, "thumbnail width " + thumbnail.getWidth());
    }

    @Test
    @Order(7)
    void syncAnalyticsAndReadTheDrugRankingAndTheVitalSignSummary() throws Exception {
        org.mdms.client.analytics.ApiClient analytics = analyticsClient(adminToken);
        SyncRun run;
        int rounds = 0;
        do {
            run = new SyncApi(analytics).syncWarehouse();
            assertFalse("FAILED".equalsIgnoreCase(run.getOutcome()), "sync: " + run);
        } while (Boolean.TRUE.equals(run.getHasMore()) && ++rounds < 50);

        String month = OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate().toString().substring(0, 7);
        DrugRanking ranking = new DrugUsageApi(analytics).getDrugRanking("quantity", department.getId(), month, 10,
                "top", null, month);
        // the ranking lists the catalogue's drugs; in the new department only the story's drug was prescribed
        RankedDrug ranked = ranking.getDrugs().get(0);
        assertEquals(1, ranked.getRank());
        assertEquals(drug.getId(), ranked.getDrugId());
        assertEquals(DRUG_NAME, ranked.getDrugName());
        assertEquals(3L, ranked.getQuantity());
        assertEquals(1L, ranked.getPrescriptions());
        assertEquals(0, new BigDecimal("37.50").compareTo(ranked.getAmount()), "amount " + ranked.getAmount());
        assertTrue(ranking.getDrugs().stream().skip(1).allMatch(other -> other.getQuantity() == 0), "others: " + ranking);

        // per-patient answers: an admin (analytics-service allows ADMIN and ANALYST here, not the treating doctor)
        VitalSignSummary summary = new org.mdms.client.analytics.api.VitalSignsApi(analytics)
                .getVitalSignSummary(patient.getId(), null, null);
        assertEquals(patient.getId(), summary.getPatientId());
        SeriesSummary heartRate = summary.getSeries().stream().filter(s -> s.getSeries().toUpperCase().contains("HEART"))
                .findFirst().orElseThrow(() -> new AssertionError("no heart-rate series: " + summary));
        assertEquals(1, heartRate.getCount());
        assertEquals(0, new BigDecimal("72").compareTo(heartRate.getMean()), "mean " + heartRate.getMean());
    }

    @Test
    @Order(8)
    void theNativeJavaClientReadsTheSamePatient() throws Exception {
        var client = new org.mdms.client.nativejava.patient.ApiClient();
        client.updateBaseUri(system.patientUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + doctorToken));
        var patients = new org.mdms.client.nativejava.patient.api.PatientsApi(client);

        var read = patients.getPatient(patient.getId());
        assertEquals(PATIENT_NAME, read.getName());
        assertEquals(LocalDate.of(1980, 5, 17), read.getBirthDate());
        var found = patients.searchPatients(null, null, "CT" + RUN, null, 0, null, null, 20, null);
        assertEquals(1L, found.getTotalItems());
        assertEquals(PATIENT_NAME, found.getItems().get(0).getName());
    }

    @Test
    @Order(9)
    void theDocumentsWrittenAtBuildTimeAreTheOnesTheServicesServe() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String[] service : new String[][] {{"patient-service", system.patientUrl()},
                {"imaging-service", system.imagingUrl()}, {"analytics-service", system.analyticsUrl()}}) {
            var served = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(service[1] + "/q/openapi?format=json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), service[0] + " /q/openapi");
            assertEquals(operations(json.readTree(Contract.current(service[0]).toFile())),
                    operations(json.readTree(served.body())), service[0] + ": operations and their ids");
        }
    }

    @Test
    @Order(10)
    void aBedsideMonitorsReadingsReachTheFeedAsABatchEvent() throws Exception {
        var devices = new org.mdms.client.patient.api.DevicesApi(admin);
        var monitor = devices.registerDevice(new org.mdms.client.patient.model.DeviceRequest()
                .serialNumber("CT-MON-" + RUN).type("BEDSIDE_MONITOR"));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        devices.assignDevice(monitor.getId(), new org.mdms.client.patient.model.DeviceAssignmentRequest()
                .patientId(patient.getId()).startedAt(now.minusHours(1)));
        String credential = devices.issueDeviceCredential(monitor.getId()).getAuthorization();
        long cursor = lastSeq();

        // the device sends with its own credential (the document's "device" scheme), not a user's token
        org.mdms.client.patient.ApiClient device = new org.mdms.client.patient.ApiClient()
                .setBasePath(system.patientUrl());
        device.setApiKey(credential);
        var result = new org.mdms.client.patient.api.DevicesApi(device).sendDeviceReadings(monitor.getId(), java.util.List.of(
                new org.mdms.client.patient.model.DeviceReading().type(VitalType.HEART_RATE)
                        .value(new BigDecimal("76")).measuredAt(now.minusMinutes(2)),
                new org.mdms.client.patient.model.DeviceReading().type(VitalType.SPO2)
                        .value(new BigDecimal("96")).measuredAt(now.minusMinutes(2))));
        assertEquals(2, result.getAccepted());

        var feed = new org.mdms.client.patient.api.ChangeFeedApi(admin).readChangeFeed(cursor, 1000);
        var batches = feed.getEvents().stream().map(org.mdms.client.patient.model.ChangeEvent::getActualInstance)
                .filter(org.mdms.client.patient.model.VitalSignBatchChangeEvent.class::isInstance)
                .map(org.mdms.client.patient.model.VitalSignBatchChangeEvent.class::cast).toList();
        assertEquals(1, batches.size(), "one event for the device's two readings: " + feed);
        var readings = batches.get(0).getPayload().getVitalSigns();
        assertEquals(java.util.List.of(VitalType.HEART_RATE, VitalType.SPO2),
                readings.stream().map(org.mdms.client.patient.model.VitalSignChange::getType).toList());
        assertTrue(readings.stream().allMatch(r -> patient.getId().equals(r.getPatientId())), "" + readings);
        assertEquals(batches.get(0).getEntityId(), readings.get(0).getId());
    }

    /** The change feed's last sequence number now, read through the generated client. */
    private static long lastSeq() throws ApiException {
        var feed = new org.mdms.client.patient.api.ChangeFeedApi(admin);
        long cursor = 0;
        while (true) {
            var page = feed.readChangeFeed(cursor, 1000);
            cursor = page.getNextCursor();
            if (!Boolean.TRUE.equals(page.getHasMore())) {
                return cursor;
            }
        }
    }

    /** "METHOD path operationId" of every operation of a document. */
    private static java.util.SortedSet<String> operations(com.fasterxml.jackson.databind.JsonNode document) {
        java.util.SortedSet<String> operations = new java.util.TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().has("operationId")) {
                operations.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + op.getValue().get("operationId").asText());
            }
        }));
        assertTrue(operations.size() > 10, "a document with its operations: " + operations);
        return operations;
    }

    private static String signIn(String username) throws ApiException {
        org.mdms.client.patient.ApiClient anonymous = new org.mdms.client.patient.ApiClient().setBasePath(system.patientUrl());
        String token = new AuthApi(anonymous).signIn(new LoginRequest().username(username).password(PASSWORD)).getAccessToken();
        assertTrue(token != null && token.split("\\.").length == 3, username + " got a JWT: " + token);
        return token;
    }

    private static org.mdms.client.patient.ApiClient patientClient(String token) {
        org.mdms.client.patient.ApiClient client = new org.mdms.client.patient.ApiClient().setBasePath(system.patientUrl());
        client.setBearerToken(token);
        return client;
    }

    private static org.mdms.client.imaging.ApiClient imagingClient(String token) {
        org.mdms.client.imaging.ApiClient client = new org.mdms.client.imaging.ApiClient().setBasePath(system.imagingUrl());
        client.setBearerToken(token);
        return client;
    }

    private static org.mdms.client.analytics.ApiClient analyticsClient(String token) {
        org.mdms.client.analytics.ApiClient client = new org.mdms.client.analytics.ApiClient()
                .setBasePath(system.analyticsUrl());
        client.setBearerToken(token);
        client.setReadTimeout(120_000);
        return client;
    }

    /** The thumbnail is made after the upload answers: 409 until it is there (declared in the document). */
    private static File thumbnail(ImagesApi images, long id) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return images.getImageThumbnail(id, null);
            } catch (org.mdms.client.imaging.ApiException e) {
                if (e.getCode() != 409 || System.nanoTime() > deadline) {
                    throw new AssertionError("thumbnail: " + e.getCode() + " " + e.getResponseBody(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.LIGHT_GRAY);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(picture, "png", out);
        return out.toByteArray();
    }
}
