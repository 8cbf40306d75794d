package org.mdms.records.openapi;

import org.mdms.records.alert.AlertRuleResource;
import org.mdms.records.alert.AlertService;
import org.mdms.records.audit.AuditResource;
import org.mdms.records.audit.AuditTrail;
import org.mdms.records.care.EmergencyAccessResource;
import org.mdms.records.department.DepartmentResource;
import org.mdms.records.device.DeviceResource;
import org.mdms.records.drug.DrugResource;
import org.mdms.records.examination.ExaminationResource;
import org.mdms.records.hospital.HospitalResource;
import org.mdms.records.openapi.ContractFilter.Op;
import org.mdms.records.patient.PatientResource;
import org.mdms.records.prescription.PrescriptionResource;
import org.mdms.records.staff.StaffResource;
import org.mdms.records.user.UserResource;
import org.mdms.records.visit.VisitResource;
import org.mdms.records.vitals.VitalSeries;
import org.mdms.records.vitals.VitalSignResource;

import java.util.List;

import static org.mdms.records.openapi.ContractFilter.Op.op;
import static org.mdms.common.openapi.QueryConstraint.dayOrInstant;
import static org.mdms.common.openapi.QueryConstraint.instant;
import static org.mdms.common.openapi.QueryConstraint.month;
import static org.mdms.common.openapi.QueryConstraint.oneOf;

/**
 * patient-service's operations in the hospital's words, keyed by HTTP method and path template. A new endpoint
 * must get a row here (ApiContractTest fails on an operation without an operationId). Every operation needs a
 * bearer token unless marked open(); 400/401/403/404 are added from the operation's shape, may() adds the rest;
 * query() and sorts() declare what the server accepts for the query parameters it parses by hand.
 */
final class ApiContract {

    private ApiContract() {
    }

    static final List<Op> OPERATIONS = List.of(
            op("POST", "/api/v1/auth/login", "signIn").open().may(401, 429),
            op("GET", "/api/v1/auth/jwks", "getSigningKeys").open(),
            op("POST", "/api/v1/auth/refresh", "refreshTokens").open().may(401),
            op("POST", "/api/v1/auth/logout", "signOut").open(),
            op("DELETE", "/api/v1/auth/session", "endSession"),
            op("GET", "/api/v1/auth/revocations", "getRevocations").open(),

            op("GET", "/api/v1/hospitals", "searchHospitals").sorts(HospitalResource.SORTABLE.keySet(), "id"),
            op("POST", "/api/v1/hospitals", "registerHospital").creates("Hospital").may(409),
            op("GET", "/api/v1/hospitals/{id}", "getHospital"),
            op("PUT", "/api/v1/hospitals/{id}", "updateHospital").may(409),

            op("GET", "/api/v1/departments", "searchDepartments").sorts(DepartmentResource.SORTABLE.keySet(), "id"),
            op("POST", "/api/v1/departments", "createDepartment").creates("Department").may(409, 422),
            op("GET", "/api/v1/departments/{id}", "getDepartment"),
            op("PUT", "/api/v1/departments/{id}", "updateDepartment").may(409, 422),

            op("GET", "/api/v1/users", "searchUsers").sorts(UserResource.SORTABLE.keySet(), "id"),
            op("POST", "/api/v1/users", "createUser").creates("User").may(409, 422),
            op("GET", "/api/v1/users/me", "getCurrentUser"),
            op("GET", "/api/v1/users/{id}", "getUser"),
            op("PUT", "/api/v1/users/{id}", "updateUser").may(409, 422),
            op("PUT", "/api/v1/users/{id}/password", "setUserPassword").may(409),
            op("POST", "/api/v1/users/{id}/unlock", "unlockUser"),

            op("GET", "/api/v1/staff", "searchStaff").sorts(StaffResource.SORTABLE.keySet(), "id"),
            op("POST", "/api/v1/staff", "hireStaff").creates("Staff").may(409, 422),
            op("GET", "/api/v1/staff/{id}", "getStaff"),
            op("PUT", "/api/v1/staff/{id}", "updateStaff").may(409, 422),

            op("GET", "/api/v1/patients", "searchPatients").sorts(PatientResource.SORTABLE.keySet(), "id"),
            op("POST", "/api/v1/patients", "registerPatient").creates("Patient").may(409, 422),
            op("GET", "/api/v1/patients/{id}", "getPatient"),
            op("PUT", "/api/v1/patients/{id}", "updatePatient").may(409, 422),
            op("DELETE", "/api/v1/patients/{id}", "deletePatient").may(409),
            op("GET", "/api/v1/patients/{id}/access", "getPatientAccess"),
            op("POST", "/api/v1/patients/{id}/restore", "restorePatient").may(409),
            op("POST", "/api/v1/patients/{id}/emergency-access", "breakTheGlass").creates("EmergencyAccess"),
            op("GET", "/api/v1/emergency-access", "searchEmergencyAccess")
                    .sorts(EmergencyAccessResource.SORTABLE.keySet(), "grantedAt,desc"),

            op("GET", "/api/v1/visits", "searchVisits").query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"))
                    .sorts(VisitResource.SORTABLE.keySet(), "startedAt,desc"),
            op("POST", "/api/v1/visits", "openVisit").creates("Visit").may(409, 422),
            op("GET", "/api/v1/visits/{id}", "getVisit"),
            op("PUT", "/api/v1/visits/{id}", "updateVisit").may(409, 422),
            op("POST", "/api/v1/visits/{id}/close", "closeVisit").may(409),

            op("GET", "/api/v1/examinations", "searchExaminations")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"))
                    .sorts(ExaminationResource.SORTABLE.keySet(), "performedAt,desc"),
            op("POST", "/api/v1/examinations", "recordExamination").creates("Examination").may(409, 422),
            op("GET", "/api/v1/examinations/{id}", "getExamination"),

            op("GET", "/api/v1/drugs", "searchDrugs").sorts(DrugResource.SORTABLE.keySet(), "code"),
            op("POST", "/api/v1/drugs", "addDrug").creates("Drug").may(409),
            op("GET", "/api/v1/drugs/{id}", "getDrug"),
            op("PUT", "/api/v1/drugs/{id}", "updateDrug").may(409),
            op("DELETE", "/api/v1/drugs/{id}", "deleteDrug").may(409),
            op("POST", "/api/v1/drugs/{id}/deactivate", "deactivateDrug").may(409),
            op("POST", "/api/v1/drugs/{id}/activate", "activateDrug").may(409),

            op("GET", "/api/v1/prescriptions", "searchPrescriptions")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"))
                    .sorts(PrescriptionResource.SORTABLE.keySet(), "issuedAt,desc"),
            op("POST", "/api/v1/prescriptions", "prescribe").creates("Prescription").may(409, 422),
            op("GET", "/api/v1/prescriptions/{id}", "getPrescription"),
            op("POST", "/api/v1/prescriptions/{id}/dispense", "dispensePrescription").may(409),
            op("POST", "/api/v1/prescriptions/{id}/cancel", "cancelPrescription").may(409),

            op("GET", "/api/v1/vital-signs", "searchVitalSigns")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"))
                    .sorts(VitalSignResource.SORTABLE.keySet(), "measuredAt,desc"),
            op("POST", "/api/v1/vital-signs", "recordVitalSign").creates("VitalSign").may(409, 422),
            op("GET", "/api/v1/vital-signs/{id}", "getVitalSign"),
            op("GET", "/api/v1/patients/{id}/vital-signs/series", "getVitalSignSeries")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"),
                            "window", oneOf(VitalSeries.WINDOW_NAMES).example("1m")),
            op("POST", "/api/v1/vital-signs/batch", "recordVitalSignBatch").creates("VitalSignBatchResult").may(409, 422),

            op("GET", "/api/v1/devices", "searchDevices").sorts(DeviceResource.SORTABLE.keySet(), "serialNumber"),
            op("POST", "/api/v1/devices", "registerDevice").creates("Device").may(409),
            op("GET", "/api/v1/devices/{id}", "getDevice"),
            op("PUT", "/api/v1/devices/{id}", "updateDevice").may(409),
            op("GET", "/api/v1/devices/{id}/assignments", "getDeviceAssignments"),
            op("POST", "/api/v1/devices/{id}/assignments", "assignDevice").creates("DeviceAssignment").may(409, 422),
            op("POST", "/api/v1/devices/{id}/assignments/end", "endDeviceAssignment").may(409),
            op("POST", "/api/v1/devices/{id}/credentials", "issueDeviceCredential").may(409),
            op("POST", "/api/v1/devices/{id}/measurements", "sendDeviceReadings").byDevice().may(409, 413, 429),

            op("GET", "/api/v1/alert-rules", "searchAlertRules").sorts(AlertRuleResource.SORTABLE.keySet(), "code"),
            op("POST", "/api/v1/alert-rules", "addAlertRule").creates("AlertRule").may(409, 422),
            op("GET", "/api/v1/alert-rules/{id}", "getAlertRule"),
            op("PUT", "/api/v1/alert-rules/{id}", "updateAlertRule").may(409, 422),
            op("DELETE", "/api/v1/alert-rules/{id}", "removeAlertRule").may(409),
            op("GET", "/api/v1/alerts", "searchAlerts")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31"))
                    .sorts(AlertService.SORTABLE.keySet(), "openedAt,desc"),
            op("GET", "/api/v1/alerts/stream", "streamAlerts"),
            op("GET", "/api/v1/alerts/statistics", "getAlertStatistics")
                    .query("from", dayOrInstant(), "to", dayOrInstant().example("2026-03-31")),
            op("GET", "/api/v1/alerts/{id}", "getAlert"),
            op("POST", "/api/v1/alerts/{id}/acknowledge", "acknowledgeAlert").may(409),
            op("POST", "/api/v1/alerts/{id}/resolve", "resolveAlert").may(409),
            op("GET", "/api/v1/wards/{departmentId}/stream", "streamWard"),

            op("GET", "/api/v1/audit", "searchAuditEvents").query("from", instant(), "to", instant().example("2026-03-31T23:59:59Z"),
                            "action", oneOf(AuditTrail.ACTIONS).example("READ"))
                    .sorts(AuditResource.SORTABLE.keySet(), "occurredAt,desc"),
            op("GET", "/api/v1/changes", "readChangeFeed"),
            op("GET", "/api/v1/reports/prescription-totals", "getPrescriptionTotals")
                    .query("from", month(), "to", month()),
            op("GET", "/api/v1/reports/prescription-breakdown", "getPrescriptionBreakdown")
                    .query("from", month(), "to", month()),
            op("POST", "/api/v1/admin/seed", "seedDemoData").may(404, 409));
}
