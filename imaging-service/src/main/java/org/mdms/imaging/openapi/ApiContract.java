package org.mdms.imaging.openapi;

import org.mdms.imaging.audit.AuditResource;
import org.mdms.imaging.audit.AuditService;
import org.mdms.imaging.dicom.DicomQueries;
import org.mdms.imaging.image.ImageSearch;
import org.mdms.imaging.maintenance.MaintenanceResource;
import org.mdms.imaging.maintenance.MaintenanceService;
import org.mdms.imaging.openapi.ContractFilter.Op;

import java.util.List;

import static org.mdms.imaging.openapi.ContractFilter.Op.op;
import org.mdms.common.openapi.QueryConstraint;

import static org.mdms.common.openapi.QueryConstraint.date;
import static org.mdms.common.openapi.QueryConstraint.oneOf;

/**
 * imaging-service's operations in the hospital's words, keyed by HTTP method and path template. A new endpoint
 * must get a row here (ApiContractTest fails on an operation without an operationId). Every operation needs a
 * bearer token unless marked open(); 400/401/403/404 are added from the operation's shape, may() adds the rest;
 * query() and sorts() declare what the server accepts for the query parameters it parses by hand.
 */
final class ApiContract {

    private ApiContract() {
    }

    /** What the original download can be: the stored image's own type (the upload accepts these). */
    private static final String[] IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff",
            "image/webp"};

    static final List<Op> OPERATIONS = List.of(
            op("POST", "/api/v1/images", "uploadImage").creates("ImageView").may(404, 413, 415, 422, 503),
            op("GET", "/api/v1/images", "searchImages").query("from", date(), "to", date())
                    .sorts(ImageSearch.SORTABLE.keySet(), "createdAt,desc").may(503),
            op("GET", "/api/v1/images/categories", "listImageCategories"),
            op("GET", "/api/v1/images/deleted", "searchDeletedImages")
                    .sorts(ImageSearch.SORTABLE.keySet(), "deletedAt,desc").may(503),
            op("GET", "/api/v1/images/{id}", "getImage").may(503),
            op("GET", "/api/v1/images/{id}/content", "downloadImage").binary(IMAGE_TYPES).may(416, 503),
            op("GET", "/api/v1/images/{id}/thumbnail", "getImageThumbnail").binary("image/jpeg").may(409, 503),
            op("GET", "/api/v1/images/{id}/preview", "getImagePreview").binary("image/jpeg").may(409, 503),
            op("GET", "/api/v1/images/{id}/url", "getImageUrl").may(409, 503),
            op("PATCH", "/api/v1/images/{id}", "updateImage").may(409, 503),
            op("DELETE", "/api/v1/images/{id}", "deleteImage").may(409, 503),
            op("POST", "/api/v1/images/{id}/restore", "restoreImage").may(409, 503),
            op("GET", "/api/v1/images/audit", "searchImageAudit").query("action", oneOf(AuditService.ACTIONS))
                    .sorts(AuditResource.SORTABLE.keySet(), "occurredAt,desc").may(503),

            op("POST", "/api/v1/dicom/instances", "uploadDicomInstance").may(409, 413, 422, 503),
            op("POST", "/api/v1/dicom/studies", "storeDicomStudies").may(503),
            op("GET", "/api/v1/dicom/studies", "searchDicomStudies").query("from", date(), "to", date(),
                            "modality", new QueryConstraint(null, "^[A-Z0-9]{1,16}$", null, "CT"))
                    .sorts(DicomQueries.STUDY_SORTABLE.keySet(), "studyDate,desc").may(503),
            op("GET", "/api/v1/dicom/studies/{study}/series", "listDicomSeries").may(503),
            op("GET", "/api/v1/dicom/studies/{study}/metadata", "getDicomStudyMetadata").may(503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/metadata", "getDicomSeriesMetadata").may(503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered",
                    "renderDicomFrame").binary("image/jpeg", "image/png").may(406, 422, 502, 503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances", "listDicomInstances").may(503),
            op("DELETE", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}",
                    "deleteDicomInstance").may(503),
            op("POST", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}/restore",
                    "restoreDicomInstance").may(409, 503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}", "getDicomInstance")
                    .may(503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}/metadata",
                    "getDicomInstanceMetadata").may(503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}/file",
                    "downloadDicomInstance").binary("application/dicom").may(502, 503),
            op("GET", "/api/v1/dicom/studies/{study}/series/{series}/instances/{instance}/thumbnail",
                    "getDicomThumbnail").binary("image/jpeg").may(409, 502, 503),

            op("GET", "/api/v1/admin/images/{id}/integrity", "checkImageIntegrity").may(503),
            op("POST", "/api/v1/admin/images/scrub", "scrubImageStore").may(503),
            op("POST", "/api/v1/admin/images/purge", "purgeDeletedImages").may(503),
            op("POST", "/api/v1/admin/images/sweep-temp", "sweepTemporaryUploads").may(503),
            op("POST", "/api/v1/admin/images/reconcile", "reconcileImageStore").may(503),
            op("GET", "/api/v1/admin/images/reports", "searchMaintenanceReports")
                    .query("job", oneOf(MaintenanceService.JOBS))
                    .sorts(MaintenanceResource.REPORTS_SORTABLE.keySet(), "id,desc").may(503));
}
