package org.mdms.imaging.maintenance;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.imaging.image.ImageDtos.IntegrityResult;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The maintenance jobs' reads and writes over all image rows, through the reactive SQL client (bulk paths). */
@ApplicationScoped
public class MaintenanceQueries {

    /** What an integrity check needs of a row. */
    record Stored(long id, String objectKey, String sha256) {
    }

    /** A soft-deleted image past the retention period, with the keys of its three objects. */
    record Expired(long id, List<String> keys) {
    }

    /** A row whose thumbnails are FAILED, or PENDING for too long. */
    record ThumbnailProblem(long id, String objectKey, boolean pending, String error) {
    }

    private final Pool pool;

    MaintenanceQueries(Pool pool) {
        this.pool = pool;
    }

    /** The live (not purged) row, or null. */
    Uni<Stored> stored(long id) {
        return pool.preparedQuery("SELECT id, object_key, sha256 FROM image WHERE id = ? AND purged_at IS NULL")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : toStored(rows.iterator().next()));
    }

    Uni<List<Stored>> allStored() {
        return pool.query("SELECT id, object_key, sha256 FROM image WHERE purged_at IS NULL ORDER BY id").execute()
                .map(rows -> {
                    List<Stored> all = new ArrayList<>();
                    rows.forEach(row -> all.add(toStored(row)));
                    return all;
                });
    }

    Uni<Void> recordIntegrity(IntegrityResult result) {
        return pool.preparedQuery("UPDATE image SET integrity_ok = ?, integrity_checked_at = ? WHERE id = ?")
                .execute(Tuple.of(result.ok(), LocalDateTime.ofInstant(result.checkedAt(), ZoneOffset.UTC),
                        result.imageId()))
                .replaceWithVoid();
    }

    Uni<List<Expired>> deletedBefore(LocalDateTime cutoff) {
        return pool.preparedQuery("SELECT id, object_key, thumbnail_key, preview_key FROM image "
                        + "WHERE deleted_at IS NOT NULL AND deleted_at < ? AND purged_at IS NULL ORDER BY id")
                .execute(Tuple.of(cutoff))
                .map(rows -> {
                    List<Expired> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Expired(row.getLong("id"), List.of(row.getString("object_key"),
                            row.getString("thumbnail_key"), row.getString("preview_key")))));
                    return list;
                });
    }

    /** Marks the row purged (its objects are gone) and audits it as the system. */
    Uni<Void> markPurged(long id) {
        return pool.preparedQuery("UPDATE image SET purged_at = ?, version = version + 1 WHERE id = ?")
                .execute(Tuple.of(LocalDateTime.now(ZoneOffset.UTC), id))
                .chain(() -> pool.preparedQuery("INSERT INTO audit_event (occurred_at, username, role, action, "
                                + "resource_type, resource_id, patient_id, detail) "
                                + "SELECT ?, 'system', 'SYSTEM', 'PURGE', 'IMAGE', id, patient_id, "
                                + "'objects removed after the retention period' FROM image WHERE id = ?")
                        .execute(Tuple.of(LocalDateTime.now(ZoneOffset.UTC), id)))
                .replaceWithVoid();
    }

    /** Id to original key of every live row. */
    Uni<Map<Long, String>> liveOriginals() {
        return pool.query("SELECT id, object_key FROM image WHERE purged_at IS NULL").execute()
                .map(rows -> {
                    Map<Long, String> map = new HashMap<>();
                    rows.forEach(row -> map.put(row.getLong("id"), row.getString("object_key")));
                    return map;
                });
    }

    Uni<List<ThumbnailProblem>> thumbnailProblems(LocalDateTime stalledBefore) {
        return pool.preparedQuery("SELECT id, object_key, thumbnail_status, "
                        + "thumbnail_error FROM image WHERE purged_at IS NULL AND (thumbnail_status = 'FAILED' "
                        + "OR thumbnail_status = 'PENDING' AND created_at <= ?) ORDER BY id")
                .execute(Tuple.of(stalledBefore))
                .map(rows -> {
                    List<ThumbnailProblem> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ThumbnailProblem(row.getLong("id"), row.getString("object_key"),
                            "PENDING".equals(row.getString("thumbnail_status")), row.getString("thumbnail_error"))));
                    return list;
                });
    }

    private static Stored toStored(Row row) {
        return new Stored(row.getLong("id"), row.getString("object_key"), row.getString("sha256"));
    }
}
