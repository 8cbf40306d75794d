-- An upload of a DICOM instance claims its SOP Instance UID (with the SHA-256 of its bytes) before it writes the
-- object, whose key is fixed by the UIDs: a concurrent upload of other bytes under the same UID then answers 409
-- without touching the object, instead of overwriting the file the winning row describes. The claim is removed
-- once the row is written (or the upload failed); one older than the takeover age is left by a crash and is taken.
CREATE TABLE dicom_instance_claim (
    sop_uid     VARCHAR(64)  NOT NULL PRIMARY KEY,
    sha256      VARCHAR(64)  NOT NULL,
    claimed_at  DATETIME(6)  NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
