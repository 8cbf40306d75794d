package org.mdms.records.changes;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mdms.records.auth.Role;
import org.mdms.common.DomainException;

import java.util.List;

@Path("/api/v1/changes")
@Tag(name = "Change feed", description = "Committed changes in commit order, for analytics")
@RolesAllowed({Role.ADMIN_, Role.ANALYST_})
public class ChangeResource {

    @RegisterForReflection // serialised from a Response the native build cannot see through
    public record ChangePage(List<ChangeFeed.ChangeEvent> events, long nextCursor, boolean hasMore) {
    }

    private final ChangeFeed feed;
    private final int maxLimit;
    private final long maxPageBytes;

    ChangeResource(ChangeFeed feed, @ConfigProperty(name = "mdms.changes.max-limit") int maxLimit,
                   @ConfigProperty(name = "mdms.changes.max-page-bytes") long maxPageBytes) {
        this.feed = feed;
        this.maxLimit = maxLimit;
        this.maxPageBytes = maxPageBytes;
    }

    @GET
    @Operation(summary = "Read changes after a cursor", description = """
            Returns up to `limit` committed events with seq > `after`, in seq order. Store `nextCursor` and pass it
            as `after` next time. Sequence numbers are handed out under a row lock held until commit, so they
            become visible strictly in order: a reader never skips an event that commits late. Each event carries
            the current state of its entity as far as analytics needs it (a PATIENT event: id, gender, birthYear
            and deleted only, never an MRN, name or birth date); apply events as upserts keyed by
            (entityType, entityId). Replaying events is harmless. Devices' readings come as VITAL_SIGN_BATCH events
            (up to 500 readings each): apply each element as a VITAL_SIGN event of its id, in feed order. A page
            also ends once its payloads pass mdms.changes.max-page-bytes (1 MiB by default; at least one event);
            `hasMore` is then true.""")
    public Uni<ChangePage> read(@QueryParam("after") @DefaultValue("0") long after,
                                @QueryParam("limit") @DefaultValue("500") int limit) {
        if (after < 0) {
            throw DomainException.invalid("after", "after must be 0 or more");
        }
        if (limit < 1 || limit > maxLimit) {
            throw DomainException.invalid("limit", "limit must be between 1 and " + maxLimit);
        }
        return feed.readAfter(after, limit, maxPageBytes).onItem().transform(slice -> new ChangePage(slice.events(),
                slice.events().isEmpty() ? after : slice.events().get(slice.events().size() - 1).seq(),
                slice.more()));
    }
}
