package org.mdms.imaging.dicom;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.DomainException;
import org.mdms.imaging.dicom.DicomDtos.InstanceView;
import org.mdms.imaging.dicom.DicomDtos.SeriesView;
import org.mdms.imaging.dicom.DicomDtos.StudyView;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The DICOM index (study → series → instance) through the reactive SQL client: the ingest writes three levels and
 * its audit row in one transaction, with get-or-create on the study and series that concurrent uploads share.
 */
@ApplicationScoped
public class DicomQueries {

    /** API sort names → columns of the study list. */
    public static final Map<String, String> STUDY_SORTABLE = Map.of("studyDate", "study_date",
            "createdAt", "created_at", "id", "id");

    /** An instance row with what locating and rendering it needs. */
    record Stored(long id, long patientId, String studyUid, String seriesUid, String sha256, String objectKey,
                  String thumbnailKey, String thumbnailStatus, String thumbnailNote, long sizeBytes,
                  InstanceView view) {

        boolean deleted() {
            return view.deletedAt() != null;
        }

        boolean purged() {
            return view.purgedAt() != null;
        }
    }

    /** What an accepted upload writes (the study and series rows are created if absent). */
    record NewInstance(long patientId, DicomInstance dicom, LocalDate studyDate, String sha256, long sizeBytes,
                       String objectKey, String thumbnailStatus, String thumbnailNote, String identityNote,
                       String metadata, String uploadedBy, Long uploadedById, String role, Instant at) {
    }

    /**
     * A claim on a SOP Instance UID: the SHA-256 that holds it, and the instance stored under the UID if there is
     * one (read with the claim, in one round trip).
     */
    record Claim(String holder, Optional<Stored> stored) {
    }

    /** An instance's row without its DICOM JSON (kilobytes each, read only by the metadata endpoints). */
    private static final String INSTANCE_COLUMNS = "i.id, i.patient_id, i.sop_uid, i.sop_class_uid, "
            + "i.instance_number, i.transfer_syntax, i.`rows`, i.`columns`, i.frames, i.size_bytes, i.sha256, "
            + "i.object_key, i.thumbnail_key, i.thumbnail_status, i.thumbnail_note, i.patient_name, i.identity_note, "
            + "i.uploaded_by, i.created_at, i.deleted_at, i.deleted_by, i.delete_reason, i.purged_at, i.integrity_ok, "
            + "se.series_uid, st.study_uid";
    private static final String INSTANCE_SELECT = "SELECT " + INSTANCE_COLUMNS + " FROM dicom_instance i "
            + "JOIN dicom_series se ON se.id = i.series_id JOIN dicom_study st ON st.id = se.study_id ";

    private final Pool pool;

    DicomQueries(Pool pool) {
        this.pool = pool;
    }

    Uni<Optional<Stored>> instance(String sopUid) {
        return pool.preparedQuery(INSTANCE_SELECT + "WHERE i.sop_uid = ?").execute(Tuple.of(sopUid))
                .map(rows -> first(rows).map(DicomQueries::stored));
    }

    Uni<Optional<Stored>> instance(long id) {
        return pool.preparedQuery(INSTANCE_SELECT + "WHERE i.id = ?").execute(Tuple.of(id))
                .map(rows -> first(rows).map(DicomQueries::stored));
    }

    /** The study's patient, if the study is known. */
    /** The DICOM JSON of one instance. */
    Uni<String> metadata(long id) {
        return pool.preparedQuery("SELECT metadata FROM dicom_instance WHERE id = ?").execute(Tuple.of(id))
                .map(rows -> first(rows).map(r -> r.getString("metadata")).orElseThrow());
    }

    Uni<Optional<Long>> studyPatient(String studyUid) {
        return pool.preparedQuery("SELECT patient_id FROM dicom_study WHERE study_uid = ?").execute(Tuple.of(studyUid))
                .map(rows -> first(rows).map(r -> r.getLong("patient_id")));
    }

    /**
     * Inserts the instance (creating its study and series if new) and the UPLOAD audit row in one transaction of
     * four statements: the study is got-or-created, the series and the instance are inserted from a SELECT of their
     * parent that also checks the parent's owner (the patient's study, the study's series), so no read-back of an id
     * is needed. A study of another patient, or a series of another study, inserts no instance: a 409 naming the UID,
     * and nothing is written.
     */
    Uni<Long> insert(NewInstance n) {
        DicomInstance d = n.dicom();
        String study = d.get(DicomTag.STUDY_INSTANCE_UID);
        String series = d.get(DicomTag.SERIES_INSTANCE_UID);
        LocalDateTime at = LocalDateTime.ofInstant(n.at(), ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("INSERT INTO dicom_study (patient_id, study_uid, study_date, "
                                + "study_time, accession_number, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                + "ON DUPLICATE KEY UPDATE id = id")
                        .execute(Tuple.from(Arrays.asList(n.patientId(), study, n.studyDate(),
                                cut(d.get(DicomTag.STUDY_TIME), 16), cut(d.get(DicomTag.ACCESSION_NUMBER), 16),
                                cut(d.get(DicomTag.STUDY_DESCRIPTION), 64), at)))
                        // the study row is locked by the upsert above: concurrent uploads into it queue here
                        .chain(() -> c.preparedQuery("INSERT INTO dicom_series (study_id, series_uid, modality, "
                                        + "series_number, body_part, description, created_at) "
                                        + "SELECT st.id, ?, ?, ?, ?, ?, ? FROM dicom_study st "
                                        + "WHERE st.study_uid = ? AND st.patient_id = ? "
                                        + "ON DUPLICATE KEY UPDATE dicom_series.id = dicom_series.id")
                                .execute(Tuple.from(Arrays.asList(series, cut(d.get(DicomTag.MODALITY), 16),
                                        d.integer(DicomTag.SERIES_NUMBER), cut(d.get(DicomTag.BODY_PART_EXAMINED), 16),
                                        cut(d.get(DicomTag.SERIES_DESCRIPTION), 64), at, study, n.patientId()))))
                        .chain(() -> insertInstance(c, n, at))
                        .chain(inserted -> inserted.isPresent() ? Uni.createFrom().item(inserted.get())
                                : notInserted(c, n.patientId(), study)
                                .chain(conflict -> Uni.createFrom().<Long>failure(conflict)))
                        .call(id -> c.preparedQuery("INSERT INTO audit_event (occurred_at, user_id, username, role, "
                                        + "action, resource_type, resource_id, patient_id, detail) "
                                        + "VALUES (?, ?, ?, ?, 'UPLOAD', 'DICOM_INSTANCE', ?, ?, ?)")
                                .execute(Tuple.from(Arrays.asList(at, n.uploadedById(), n.uploadedBy(), n.role(), id,
                                        n.patientId(), cut("SOPInstanceUID " + d.get(DicomTag.SOP_INSTANCE_UID)
                                                + (n.identityNote() == null ? "" : "; " + n.identityNote()), 1000))))));
    }

    /** The instance under the series of this patient's study: its id, or empty when that series is not there. */
    private static Uni<Optional<Long>> insertInstance(SqlConnection c, NewInstance n, LocalDateTime at) {
        DicomInstance d = n.dicom();
        return c.preparedQuery("INSERT INTO dicom_instance (series_id, patient_id, sop_uid, sop_class_uid, "
                        + "instance_number, transfer_syntax, `rows`, `columns`, frames, size_bytes, sha256, object_key, "
                        + "thumbnail_key, thumbnail_status, thumbnail_note, patient_name, patient_birth_date, "
                        + "identity_note, metadata, uploaded_by, uploaded_by_id, created_at) "
                        + "SELECT se.id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ? "
                        + "FROM dicom_series se JOIN dicom_study st ON st.id = se.study_id "
                        + "WHERE se.series_uid = ? AND st.study_uid = ? AND st.patient_id = ?")
                .execute(Tuple.from(Arrays.asList(n.patientId(), d.get(DicomTag.SOP_INSTANCE_UID),
                        cut(d.get(DicomTag.SOP_CLASS_UID), 64), d.integer(DicomTag.INSTANCE_NUMBER),
                        d.transferSyntaxUid(), d.integer(DicomTag.ROWS), d.integer(DicomTag.COLUMNS), d.frames(),
                        n.sizeBytes(), n.sha256(), n.objectKey(), n.thumbnailStatus(), cut(n.thumbnailNote(), 500),
                        cut(d.get(DicomTag.PATIENT_NAME), 200), cut(d.get(DicomTag.PATIENT_BIRTH_DATE), 16),
                        cut(n.identityNote(), 500), n.metadata(), n.uploadedBy(), n.uploadedById(), at,
                        d.get(DicomTag.SERIES_INSTANCE_UID), d.get(DicomTag.STUDY_INSTANCE_UID), n.patientId())))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(rows.property(io.vertx.mutiny.mysqlclient.MySQLClient.LAST_INSERTED_ID)));
    }

    /** Why no instance was inserted: the study is another patient's, or the series belongs to another study. */
    private static Uni<DomainException> notInserted(SqlConnection c, long patientId, String studyUid) {
        return c.preparedQuery("SELECT patient_id FROM dicom_study WHERE study_uid = ?").execute(Tuple.of(studyUid))
                .map(rows -> first(rows).filter(r -> r.getLong("patient_id") != patientId).isPresent()
                        ? DomainException.conflict("StudyInstanceUID", "StudyInstanceUID (0020,000D) "
                        + "already belongs to another patient's study")
                        : DomainException.conflict("SeriesInstanceUID", "SeriesInstanceUID (0020,000E) already "
                        + "belongs to another study"));
    }

    /**
     * The row {@link #insert} wrote, as {@link #instance(long)} would read it back (the created_at column keeps
     * microseconds, {@link NewInstance#at()} is cut to them).
     */
    static Stored written(long id, NewInstance n) {
        DicomInstance d = n.dicom();
        String sop = d.get(DicomTag.SOP_INSTANCE_UID);
        String study = d.get(DicomTag.STUDY_INSTANCE_UID);
        String series = d.get(DicomTag.SERIES_INSTANCE_UID);
        String note = cut(n.thumbnailNote(), 500);
        InstanceView view = new InstanceView(study, series, sop, cut(d.get(DicomTag.SOP_CLASS_UID), 64),
                n.patientId(), d.integer(DicomTag.INSTANCE_NUMBER), d.transferSyntaxUid(), d.integer(DicomTag.ROWS),
                d.integer(DicomTag.COLUMNS), d.frames(), n.sizeBytes(), n.sha256(), n.thumbnailStatus(), note,
                cut(d.get(DicomTag.PATIENT_NAME), 200), cut(n.identityNote(), 500), n.uploadedBy(), n.at(), null,
                null, null, null, null);
        return new Stored(id, n.patientId(), study, series, n.sha256(), n.objectKey(), "", n.thumbnailStatus(), note,
                n.sizeBytes(), view);
    }

    /**
     * Claims a SOP Instance UID for bytes with this SHA-256 before its object is written (V4). Answers the SHA-256
     * that holds the claim: {@code sha256} itself when this upload has it (new, taken over from a claim older than
     * {@code staleBefore}, or shared with a concurrent upload of the same bytes), another one when other bytes are
     * being stored under that UID right now (or were, when the instance is stored); with the stored instance if any.
     */
    Uni<Claim> claim(String sopUid, String sha256, Instant now, Instant staleBefore) {
        LocalDateTime at = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        return pool.preparedQuery("INSERT INTO dicom_instance_claim (sop_uid, sha256, claimed_at) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE sha256 = IF(claimed_at < ?, VALUES(sha256), sha256), "
                        + "claimed_at = IF(claimed_at < ?, VALUES(claimed_at), claimed_at)")
                .execute(Tuple.of(sopUid, sha256, at, LocalDateTime.ofInstant(staleBefore, ZoneOffset.UTC),
                        LocalDateTime.ofInstant(staleBefore, ZoneOffset.UTC)))
                .chain(() -> pool.preparedQuery("SELECT c.sha256 AS holder, " + INSTANCE_COLUMNS
                                + " FROM dicom_instance_claim c LEFT JOIN (dicom_instance i "
                                + "JOIN dicom_series se ON se.id = i.series_id JOIN dicom_study st ON st.id = se.study_id) "
                                + "ON i.sop_uid = c.sop_uid WHERE c.sop_uid = ?")
                        .execute(Tuple.of(sopUid)))
                .chain(rows -> first(rows)
                        .map(r -> Uni.createFrom().item(new Claim(r.getString("holder"),
                                r.getLong("id") == null ? Optional.empty() : Optional.of(stored(r)))))
                        // released meanwhile by a concurrent upload of the same bytes that failed: ours to use
                        .orElseGet(() -> instance(sopUid).map(stored -> new Claim(sha256, stored))));
    }

    /** Gives the claim up (the upload failed). */
    Uni<Void> release(String sopUid, String sha256) {
        return pool.preparedQuery("DELETE FROM dicom_instance_claim WHERE sop_uid = ? AND sha256 = ?")
                .execute(Tuple.of(sopUid, sha256)).replaceWithVoid();
    }

    /**
     * Removes claims older than {@code staleBefore}: those of stored instances (the row decides once it is written, so
     * a successful upload leaves its claim for this sweep instead of a DELETE of its own) and those a crash left.
     */
    Uni<Integer> sweepClaims(Instant staleBefore) {
        return pool.preparedQuery("DELETE FROM dicom_instance_claim WHERE claimed_at < ?")
                .execute(Tuple.of(LocalDateTime.ofInstant(staleBefore, ZoneOffset.UTC))).map(RowSet::rowCount);
    }

    // ------------------------------------------------------------------------------------------------ search

    /** Studies matching the filter (patientId null: every patient), a page of them and the total. */
    Uni<Page<StudyView>> studies(Long patientId, LocalDate from, LocalDate to, String modality, int page, int size,
                                 Sort sort) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (patientId != null) {
            where.append(" AND st.patient_id = ?");
            args.add(patientId);
        }
        if (from != null) {
            where.append(" AND st.study_date >= ?");
            args.add(from);
        }
        if (to != null) {
            where.append(" AND st.study_date <= ?");
            args.add(to);
        }
        if (modality != null) {
            where.append(" AND EXISTS (SELECT 1 FROM dicom_series m WHERE m.study_id = st.id AND m.modality = ?)");
            args.add(modality);
        }
        String order = sort.getColumns().stream().map(col -> "st." + col.getName()
                        + (col.getDirection() == Sort.Direction.Descending ? " DESC" : " ASC"))
                .collect(Collectors.joining(", "));
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        Uni<List<StudyView>> items = pool.preparedQuery("SELECT st.*, "
                        + "(SELECT GROUP_CONCAT(DISTINCT s.modality ORDER BY s.modality SEPARATOR '\\\\') "
                        + "FROM dicom_series s WHERE s.study_id = st.id) AS modalities, "
                        + "(SELECT COUNT(*) FROM dicom_series s WHERE s.study_id = st.id) AS series_count, "
                        + "(SELECT COUNT(*) FROM dicom_instance i JOIN dicom_series s ON s.id = i.series_id "
                        + "WHERE s.study_id = st.id AND i.deleted_at IS NULL) AS instance_count "
                        + "FROM dicom_study st" + where + " ORDER BY " + order + " LIMIT ? OFFSET ?")
                .execute(Tuple.from(pageArgs))
                .map(rows -> list(rows, DicomQueries::study));
        Uni<Long> total = pool.preparedQuery("SELECT COUNT(*) AS n FROM dicom_study st" + where)
                .execute(Tuple.from(args)).map(rows -> rows.iterator().next().getLong("n"));
        return Uni.combine().all().unis(items, total).asTuple().map(t -> new Page<>(t.getItem1(), t.getItem2()));
    }

    record Page<T>(List<T> items, long total) {
    }

    Uni<List<SeriesView>> series(String studyUid) {
        return pool.preparedQuery("SELECT se.*, st.study_uid, (SELECT COUNT(*) FROM dicom_instance i "
                        + "WHERE i.series_id = se.id AND i.deleted_at IS NULL) AS instance_count FROM dicom_series se "
                        + "JOIN dicom_study st ON st.id = se.study_id WHERE st.study_uid = ? "
                        + "ORDER BY se.series_number, se.id")
                .execute(Tuple.of(studyUid))
                .map(rows -> list(rows, r -> new SeriesView(r.getString("study_uid"), r.getString("series_uid"),
                        r.getString("modality"), r.getInteger("series_number"), r.getString("body_part"),
                        r.getString("description"), r.getLong("instance_count"))));
    }

    Uni<List<InstanceView>> instances(String studyUid, String seriesUid) {
        return pool.preparedQuery(INSTANCE_SELECT + "WHERE st.study_uid = ? AND se.series_uid = ? AND i.deleted_at IS NULL "
                        + "ORDER BY i.instance_number, i.id")
                .execute(Tuple.of(studyUid, seriesUid))
                .map(rows -> list(rows, r -> stored(r).view()));
    }

    /** The DICOM JSON of every instance of a study, or of one series of it (seriesUid not null), in order. */
    Uni<List<String>> metadata(String studyUid, String seriesUid) {
        String sql = "SELECT i.metadata FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id "
                + "JOIN dicom_study st ON st.id = se.study_id WHERE st.study_uid = ? AND i.deleted_at IS NULL"
                + (seriesUid == null ? "" : " AND se.series_uid = ?")
                + " ORDER BY se.series_number, se.id, i.instance_number, i.id";
        return pool.preparedQuery(sql).execute(seriesUid == null ? Tuple.of(studyUid) : Tuple.of(studyUid, seriesUid))
                .map(rows -> list(rows, r -> r.getString("metadata")));
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Soft delete (who, when, why) with its audit row, in one transaction; false when it was not live. */
    Uni<Boolean> softDelete(long id, String by, Long byId, String role, String reason, Instant at) {
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("UPDATE dicom_instance SET deleted_at = ?, deleted_by = ?, "
                        + "delete_reason = ? WHERE id = ? AND deleted_at IS NULL")
                .execute(Tuple.of(when, by, reason, id))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : audit(c, when, byId, by, role, "DELETE", id, reason).replaceWith(true)));
    }

    /** Undoes a soft delete (not after the purge) with its audit row; false when it was not deleted or is purged. */
    Uni<Boolean> restore(long id, String by, Long byId, String role, Instant at) {
        LocalDateTime when = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("UPDATE dicom_instance SET deleted_at = NULL, "
                        + "deleted_by = NULL, delete_reason = NULL WHERE id = ? AND deleted_at IS NOT NULL "
                        + "AND purged_at IS NULL")
                .execute(Tuple.of(id))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : audit(c, when, byId, by, role, "RESTORE", id, null).replaceWith(true)));
    }

    private static Uni<Void> audit(SqlConnection c, LocalDateTime at, Long userId, String username, String role,
                                   String action, long id, String detail) {
        return c.preparedQuery("INSERT INTO audit_event (occurred_at, user_id, username, role, action, resource_type, "
                        + "resource_id, patient_id, detail) SELECT ?, ?, ?, ?, ?, 'DICOM_INSTANCE', id, patient_id, ? "
                        + "FROM dicom_instance WHERE id = ?")
                .execute(Tuple.from(Arrays.asList(at, userId, username, role, action, cut(detail, 1000), id)))
                .replaceWithVoid();
    }

    /** A stored DICOM file, for the scrub and the purge. */
    public record StoredFile(long id, long patientId, String objectKey, String thumbnailKey, String sha256) {
    }

    /** Every instance whose file should be in the bucket (not purged). */
    public Uni<List<StoredFile>> allFiles() {
        return pool.query("SELECT id, patient_id, object_key, thumbnail_key, sha256 FROM dicom_instance "
                        + "WHERE purged_at IS NULL ORDER BY id").execute()
                .map(rows -> list(rows, DicomQueries::file));
    }

    /** Instances soft-deleted before the cutoff and not purged yet. */
    public Uni<List<StoredFile>> deletedBefore(LocalDateTime cutoff) {
        return pool.preparedQuery("SELECT id, patient_id, object_key, thumbnail_key, sha256 FROM dicom_instance "
                        + "WHERE deleted_at IS NOT NULL AND deleted_at < ? AND purged_at IS NULL ORDER BY id")
                .execute(Tuple.of(cutoff))
                .map(rows -> list(rows, DicomQueries::file));
    }

    public Uni<Void> recordIntegrity(long id, boolean ok, Instant at) {
        return pool.preparedQuery("UPDATE dicom_instance SET integrity_ok = ?, integrity_checked_at = ? WHERE id = ?")
                .execute(Tuple.of(ok, LocalDateTime.ofInstant(at, ZoneOffset.UTC), id)).replaceWithVoid();
    }

    /** The objects are gone: marks the row purged and audits it as the system. */
    public Uni<Void> markPurged(long id) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("UPDATE dicom_instance SET purged_at = ? WHERE id = ?")
                .execute(Tuple.of(now, id))
                .chain(() -> audit(c, now, null, "system", "SYSTEM", "PURGE", id,
                        "objects removed after the retention period")));
    }

    private static StoredFile file(Row r) {
        return new StoredFile(r.getLong("id"), r.getLong("patient_id"), r.getString("object_key"),
                r.getString("thumbnail_key"), r.getString("sha256"));
    }

    // ------------------------------------------------------------------------------------------------ thumbnails

    Uni<List<Long>> pendingThumbnails(int limit) {
        return pool.preparedQuery("SELECT id FROM dicom_instance WHERE thumbnail_status = 'PENDING' ORDER BY id LIMIT ?")
                .execute(Tuple.of(limit)).map(rows -> list(rows, r -> r.getLong("id")));
    }

    Uni<Void> thumbnailDone(long id, String status, String key, String note) {
        return pool.preparedQuery("UPDATE dicom_instance SET thumbnail_status = ?, thumbnail_key = ?, "
                        + "thumbnail_note = ? WHERE id = ? AND thumbnail_status = 'PENDING'")
                .execute(Tuple.of(status, key, cut(note, 500), id)).replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------------ rows

    private static Stored stored(Row r) {
        Instant created = r.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC);
        InstanceView view = new InstanceView(r.getString("study_uid"), r.getString("series_uid"),
                r.getString("sop_uid"), r.getString("sop_class_uid"), r.getLong("patient_id"),
                r.getInteger("instance_number"), r.getString("transfer_syntax"), r.getInteger("rows"),
                r.getInteger("columns"), r.getInteger("frames"), r.getLong("size_bytes"), r.getString("sha256"),
                r.getString("thumbnail_status"), r.getString("thumbnail_note"), r.getString("patient_name"),
                r.getString("identity_note"), r.getString("uploaded_by"), created, instant(r, "deleted_at"),
                r.getString("deleted_by"), r.getString("delete_reason"), instant(r, "purged_at"),
                r.getBoolean("integrity_ok"));
        return new Stored(r.getLong("id"), r.getLong("patient_id"), r.getString("study_uid"),
                r.getString("series_uid"), r.getString("sha256"), r.getString("object_key"),
                r.getString("thumbnail_key"), r.getString("thumbnail_status"), r.getString("thumbnail_note"),
                r.getLong("size_bytes"), view);
    }

    private static Instant instant(Row r, String column) {
        LocalDateTime t = r.getLocalDateTime(column);
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static StudyView study(Row r) {
        String modalities = r.getString("modalities");
        return new StudyView(r.getString("study_uid"), r.getLong("patient_id"), r.getLocalDate("study_date"),
                r.getString("study_time"), r.getString("accession_number"), r.getString("description"),
                modalities == null ? List.of() : List.of(modalities.split("\\\\")), r.getLong("series_count"),
                r.getLong("instance_count"));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static <T> List<T> list(RowSet<Row> rows, java.util.function.Function<Row, T> map) {
        List<T> out = new ArrayList<>();
        rows.forEach(r -> out.add(map.apply(r)));
        return out;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
