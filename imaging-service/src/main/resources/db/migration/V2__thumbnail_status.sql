-- Thumbnails may be rendered after the upload (mdms.imaging.thumbnails.mode=async): the row then exists with its
-- original stored but without its derived JPEGs yet. Rows from before this migration were all rendered at upload.
--   PENDING: original stored, thumbnail/preview not yet written (the worker picks these up, also after a restart)
--   READY:   thumbnail and preview written
--   FAILED:  the full decode failed (e.g. truncated pixel data behind a valid header); thumbnail_error says why
ALTER TABLE image
    ADD COLUMN thumbnail_status VARCHAR(10) NOT NULL DEFAULT 'READY',
    ADD COLUMN thumbnail_error VARCHAR(500),
    ADD CONSTRAINT ck_image_thumbnail_status CHECK (thumbnail_status IN ('PENDING', 'READY', 'FAILED')),
    ADD INDEX ix_image_thumbnail_status (thumbnail_status);
