package org.mdms.records;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import org.mdms.local.testing.EmbeddedInfraResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Accounts for tests, made through the real API. Only the very first admin is inserted with SQL, because a fresh
 * database has nobody who could create it (that is what the demo data does for ./mdms run).
 */
public final class TestUsers {

    public static final String PASSWORD = "test-password-1";
    private static String adminToken;
    private static long adminTokenAt;
    private static Long departmentId;

    private TestUsers() {
    }

    public record Account(long userId, Long recordId, String username, String token) {
    }

    public static synchronized String adminToken() {
        // access tokens live 15 minutes: sign in again well before that
        if (adminToken == null || System.nanoTime() - adminTokenAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
            insertAdminIfMissing("test-admin");
            adminToken = login("test-admin", PASSWORD);
            adminTokenAt = System.nanoTime();
        }
        return adminToken;
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200)
                .extract().path("access_token");
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static long createUser(String role, String username) {
        Number id = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role, "displayName", "测试 " + role))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** A hospital and department shared by the tests that just need "some department". */
    public static synchronized long departmentId() {
        if (departmentId == null) {
            Number hospital = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("code", unique("H"), "name", "测试医院"))
                    .post("/api/v1/hospitals").then().statusCode(201).extract().path("id");
            Number department = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                    .body(Map.of("hospitalId", hospital, "code", unique("D"), "name", "内科"))
                    .post("/api/v1/departments").then().statusCode(201).extract().path("id");
            departmentId = department.longValue();
        }
        return departmentId;
    }

    /** A signed-in staff member (DOCTOR, NURSE, PHARMACIST or TECHNICIAN) with a staff row. */
    public static Account staff(String kind) {
        return staff(kind, departmentId());
    }

    public static Account staff(String kind, long department) {
        String username = unique(kind.toLowerCase());
        long userId = createUser(kind, username);
        Number staffId = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "departmentId", department, "staffNo", unique("S"),
                        "name", "医生" + username.substring(username.length() - 4), "kind", kind))
                .post("/api/v1/staff").then().statusCode(201).extract().path("id");
        return new Account(userId, staffId.longValue(), username, login(username, PASSWORD));
    }

    /** A signed-in patient with a patient row linked to the account. */
    public static Account patient() {
        String username = unique("patient");
        long userId = createUser("PATIENT", username);
        Number patientId = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("userId", userId, "mrn", unique("MRN"), "name", "张三", "gender", "MALE",
                        "birthDate", "1980-01-01"))
                .post("/api/v1/patients").then().statusCode(201).extract().path("id");
        return new Account(userId, patientId.longValue(), username, login(username, PASSWORD));
    }

    public static Account analyst() {
        String username = unique("analyst");
        long userId = createUser("ANALYST", username);
        return new Account(userId, null, username, login(username, PASSWORD));
    }

    /** A plain JDBC connection to the test database, for checks a user cannot make through the API. */
    public static Connection jdbc() throws SQLException {
        Map<String, String> db = EmbeddedInfraResource.settings();
        return DriverManager.getConnection("jdbc:mysql://" + db.get("mdms.db.host") + ":" + db.get("mdms.db.port")
                        + "/mdms_records?sslMode=DISABLED&allowPublicKeyRetrieval=true&characterEncoding=UTF-8",
                db.get("mdms.db.user"), db.get("mdms.db.password"));
    }

    private static void insertAdminIfMissing(String username) {
        try (Connection connection = jdbc();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT IGNORE INTO user_account (username, password_hash, role, display_name, enabled,
                                                      created_at, updated_at, version)
                     VALUES (?, ?, 'ADMIN', '测试管理员', TRUE, NOW(6), NOW(6), 0)""")) {
            insert.setString(1, username);
            insert.setString(2, BcryptUtil.bcryptHash(PASSWORD, 10));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test admin", e);
        }
    }
}
