package org.mdms.records.openapi;

import org.mdms.records.openapi.ContractFilter.Op;

import java.util.List;

import static org.mdms.records.openapi.ContractFilter.Op.op;

/**
 * patient-service's operations in the hospital's words, keyed by HTTP method and path template. A new endpoint
 * must get a row here (ApiContractTest fails on an operation without an operationId). Every operation needs a
 * bearer token unless marked open(); 400/401/403/404 are added from the operation's shape, may() adds the rest.
 */
final class ApiContract {

    private ApiContract() {
    }

    static final List<Op> OPERATIONS = List.of(
            op("POST", "/api/v1/auth/login", "signIn").open().may(401, 429),
            op("GET", "/api/v1/auth/jwks", "getSigningKeys").open(),
            op("POST", "/api/v1/auth/refresh", "refreshTokens").open().may(401),
            op("POST", "/api/v1/auth/logout", "signOut").open(),
            op("GET", "/api/v1/auth/revocations", "getRevocations").open(),

            op("GET", "/api/v1/hospitals", "searchHospitals"),
            op("POST", "/api/v1/hospitals", "registerHospital").creates("Hospital").may(409),
            op("GET", "/api/v1/hospitals/{id}", "getHospital"),
            op("PUT", "/api/v1/hospitals/{id}", "updateHospital").may(409),

            op("GET", "/api/v1/departments", "searchDepartments"),
            op("POST", "/api/v1/departments", "createDepartment").creates("Department").may(409, 422),
            op("GET", "/api/v1/departments/{id}", "getDepartment"),
            op("PUT", "/api/v1/departments/{id}", "updateDepartment").may(409, 422),

            op("GET", "/api/v1/users", "searchUsers"),
            op("POST", "/api/v1/users", "createUser").creates("User").may(409, 422),
            op("GET", "/api/v1/users/me", "getCurrentUser"),
            op("GET", "/api/v1/users/{id}", "getUser"),
            op("PUT", "/api/v1/users/{id}", "updateUser").may(409, 422),
            op("PUT", "/api/v1/users/{id}/password", "setUserPassword").may(409),
            op("POST", "/api/v1/users/{id}/unlock", "unlockUser"),

            op("GET", "/api/v1/staff", "searchStaff"),
            op("POST", "/api/v1/staff", "hireStaff").creates("Staff").may(409, 422),
            op("GET", "/api/v1/staff/{id}", "getStaff"),
            op("PUT", "/api/v1/staff/{id}", "updateStaff").may(409, 422),

            op("GET", "/api/v1/patients", "searchPatients"),
            op("POST", "/api/v1/patients", "registerPatient").creates("Patient").may(409, 422),
            op("GET", "/api/v1/patients/{id}", "getPatient"),
            op("PUT", "/api/v1/patients/{id}", "updatePatient").may(409, 422),
            op("DELETE", "/api/v1/patients/{id}", "deletePatient").may(409),
            op("GET", "/api/v1/patients/{id}/access", "getPatientAccess"),
            op("POST", "/api/v1/patients/{id}/restore", "restorePatient").may(409),
            op("POST", "/api/v1/patients/{id}/emergency-access", "breakTheGlass").creates("EmergencyAccess"),
            op("GET", "/api/v1/emergency-access", "searchEmergencyAccess"),

            op("GET", "/api/v1/visits", "searchVisits"),
            op("POST", "/api/v1/visits", "openVisit").creates("Visit").may(409, 422),
            op("GET", "/api/v1/visits/{id}", "getVisit"),
            op("PUT", "/api/v1/visits/{id}", "updateVisit").may(409, 422),
            op("POST", "/api/v1/visits/{id}/close", "closeVisit").may(409),

            op("GET", "/api/v1/examinations", "searchExaminations"),
            op("POST", "/api/v1/examinations", "recordExamination").creates("Examination").may(409, 422),
            op("GET", "/api/v1/examinations/{id}", "getExamination"),

            op("GET", "/api/v1/drugs", "searchDrugs"),
            op("POST", "/api/v1/drugs", "addDrug").creates("Drug").may(409),
            op("GET", "/api/v1/drugs/{id}", "getDrug"),
            op("PUT", "/api/v1/drugs/{id}", "updateDrug").may(409),
            op("DELETE", "/api/v1/drugs/{id}", "deleteDrug").may(409),
            op("POST", "/api/v1/drugs/{id}/deactivate", "deactivateDrug").may(409),
            op("POST", "/api/v1/drugs/{id}/activate", "activateDrug").may(409),

            op("GET", "/api/v1/prescriptions", "searchPrescriptions"),
            op("POST", "/api/v1/prescriptions", "prescribe").creates("Prescription").may(409, 422),
            op("GET", "/api/v1/prescriptions/{id}", "getPrescription"),
            op("POST", "/api/v1/prescriptions/{id}/dispense", "dispensePrescription").may(409),
            op("POST", "/api/v1/prescriptions/{id}/cancel", "cancelPrescription").may(409),

            op("GET", "/api/v1/vital-signs", "searchVitalSigns"),
            op("POST", "/api/v1/vital-signs", "recordVitalSign").creates("VitalSign").may(409, 422),
            op("GET", "/api/v1/vital-signs/{id}", "getVitalSign"),
            op("POST", "/api/v1/vital-signs/batch", "recordVitalSignBatch").creates("VitalSignBatchResult").may(409, 422),

            op("GET", "/api/v1/audit", "searchAuditEvents"),
            op("GET", "/api/v1/changes", "readChangeFeed"),
            op("GET", "/api/v1/reports/prescription-totals", "getPrescriptionTotals"),
            op("GET", "/api/v1/reports/prescription-breakdown", "getPrescriptionBreakdown"),
            op("POST", "/api/v1/admin/seed", "seedDemoData").may(404, 409));
}
