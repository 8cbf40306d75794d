package org.mdms.imaging.image;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The thumbnailer's reads and writes of image rows, through the reactive SQL client: it runs on its own threads,
 * outside any Hibernate session. Status changes only leave PENDING, so a row is never rendered twice.
 */
@ApplicationScoped
public class ThumbnailQueries {

    /** What rendering one image needs: where its original is, where the derived JPEGs go, and whether to bother. */
    record Render(String originalKey, String previewKey, String thumbnailKey, boolean pending) {
    }

    private final Pool pool;

    ThumbnailQueries(Pool pool) {
        this.pool = pool;
    }

    /** Ids of PENDING, not purged rows, oldest first. */
    Uni<List<Long>> pending(int limit) {
        return pool.preparedQuery("SELECT id FROM image WHERE thumbnail_status = 'PENDING' "
                        + "AND purged_at IS NULL ORDER BY id LIMIT ?")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    return ids;
                });
    }

    /** The row's keys; {@code pending} is false once it is READY, FAILED or purged. Empty for an unknown id. */
    Uni<Optional<Render>> render(long id) {
        return pool.preparedQuery("SELECT object_key, preview_key, thumbnail_key, thumbnail_status, "
                        + "purged_at FROM image WHERE id = ?")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRender(rows.iterator().next())));
    }

    Uni<Void> markReady(long id) {
        return pool.preparedQuery("UPDATE image SET thumbnail_status = 'READY', thumbnail_error = NULL "
                + "WHERE id = ? AND thumbnail_status = 'PENDING'").execute(Tuple.of(id)).replaceWithVoid();
    }

    Uni<Void> markFailed(long id, String why) {
        return pool.preparedQuery("UPDATE image SET thumbnail_status = 'FAILED', thumbnail_error = ? "
                + "WHERE id = ? AND thumbnail_status = 'PENDING'").execute(Tuple.of(why, id)).replaceWithVoid();
    }

    private static Render toRender(Row row) {
        return new Render(row.getString("object_key"), row.getString("preview_key"), row.getString("thumbnail_key"),
                "PENDING".equals(row.getString("thumbnail_status")) && row.getValue("purged_at") == null);
    }
}
