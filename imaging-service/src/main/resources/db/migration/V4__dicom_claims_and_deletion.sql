-- An upload of a DICOM instance claims its SOP Instance UID (with the SHA-256 of its bytes) before it writes the
-- object, whose key is fixed by the UIDs: a concurrent upload of other bytes under the same UID then answers 409
-- without touching the object, instead of overwriting the file the winning row describes. The claim is removed
-- once the row is written (or the upload failed); one older than the takeover age is left by a crash and is taken.
CREATE TABLE dicom_instance_claim (
    sop_uid     VARCHAR(64)  NOT NULL PRIMARY KEY,
    sha256      VARCHAR(64)  NOT NULL,
    claimed_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Soft delete, retention and integrity of DICOM instances, as for images: a deleted instance disappears from reads
-- and lists, an admin can restore it until the purge job removes its objects after mdms.images.retention (the row
-- stays as the record, purged_at set); the scrub re-hashes the file against sha256.
ALTER TABLE dicom_instance
    ADD COLUMN deleted_at            DATETIME(6),
    ADD COLUMN deleted_by            VARCHAR(64),
    ADD COLUMN delete_reason         VARCHAR(500),
    ADD COLUMN purged_at             DATETIME(6),
    ADD COLUMN integrity_ok          BOOLEAN,
    ADD COLUMN integrity_checked_at  DATETIME(6),
    ADD INDEX ix_dicom_instance_deleted (deleted_at);
