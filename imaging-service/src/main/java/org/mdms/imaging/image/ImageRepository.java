package org.mdms.imaging.image;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdms.common.PageRequest;
import org.mdms.imaging.support.PageView;
import org.mdms.imaging.support.SqlIds;

import java.time.Instant;

/**
 * Image rows. The reads open their own short session, so no database connection is held while patient-service or
 * the bucket is asked something.
 */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, Long> {

    /** Live images (not deleted, not purged) matching every given criterion; null criteria do not filter. */
    public record Criteria(Long patientId, Long visitId, ImageCategory category, Instant from, Instant to, String q,
                           boolean publicOnly) {
    }

    private final Pool pool;

    ImageRepository(Pool pool) {
        this.pool = pool;
    }

    /** A new image id from image_id_sequence, taken before the objects are written under keys carrying it. */
    public Uni<Long> nextId() {
        return pool.preparedQuery("INSERT INTO image_id_sequence () VALUES ()").execute()
                .map(SqlIds::lastInsertedId);
    }

    /** The row as stored (deleted and purged ones too), or null. */
    @WithSession
    public Uni<Image> fetch(long id) {
        return findById(id);
    }

    @WithSession
    public Uni<Long> countAll() {
        return count();
    }

    @WithSession
    public Uni<PageView<Image>> search(Criteria criteria, PageRequest page) {
        StringBuilder where = new StringBuilder("deletedAt is null and purgedAt is null");
        Parameters params = new Parameters();
        if (criteria.patientId() != null) {
            where.append(" and patientId = :patientId");
            params.and("patientId", criteria.patientId());
        }
        if (criteria.visitId() != null) {
            where.append(" and visitId = :visitId");
            params.and("visitId", criteria.visitId());
        }
        if (criteria.category() != null) {
            where.append(" and category = :category");
            params.and("category", criteria.category());
        }
        if (criteria.from() != null) {
            where.append(" and createdAt >= :from");
            params.and("from", criteria.from());
        }
        if (criteria.to() != null) {
            where.append(" and createdAt < :to");
            params.and("to", criteria.to());
        }
        if (criteria.q() != null && !criteria.q().isBlank()) {
            where.append(" and (lower(title) like :q or lower(originalFilename) like :q)");
            params.and("q", "%" + criteria.q().trim().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (criteria.publicOnly()) {
            where.append(" and visibility = :visibility");
            params.and("visibility", Visibility.PUBLIC);
        }
        return page(where.toString(), params, page);
    }

    /** Soft-deleted images, purged ones included (their rows stay as the record). */
    @WithSession
    public Uni<PageView<Image>> deleted(PageRequest page) {
        return page("deletedAt is not null", new Parameters(), page);
    }

    private Uni<PageView<Image>> page(String where, Parameters params, PageRequest page) {
        var query = find(where, page.sort(), params).page(page.page(), page.size());
        return query.list().chain(list -> query.count().map(total -> PageView.of(list, page, total)));
    }
}
