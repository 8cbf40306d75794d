package org.mdms.records.care;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mdms.records.auth.Caller;

/**
 * Care relationships confirmed by the database in the last {@link CareSettings#confirmedFor()} (2 s by default), per
 * user, role and patient: a doctor paging through the charts of the patients they treat is not asked the whole care
 * rule on every read. Only relationships that let the caller read clinical data are remembered; a refusal or a
 * lesser answer is always asked again, so a new relationship counts at once, and an ended one stops counting within
 * the bound.
 */
@ApplicationScoped
public class ConfirmedCare {

    /** More entries than this and the memory starts over (a burst of distinct pairs must not grow the heap). */
    private static final int MAX_ENTRIES = 100_000;

    private record Key(long userId, String role, long patientId) {
    }

    private record Confirmed(Relation relation, long until) {
    }

    private final Map<Key, Confirmed> confirmed = new ConcurrentHashMap<>();
    private final long forNanos;

    ConfirmedCare(CareSettings settings) {
        this.forNanos = settings.confirmedFor().toNanos();
    }

    /** The relationship confirmed within the bound, or null (ask the database). */
    public Relation recent(Caller caller, long patientId) {
        if (forNanos <= 0 || caller.userId() == null) {
            return null;
        }
        Key key = new Key(caller.userId(), caller.role().name(), patientId);
        Confirmed found = confirmed.get(key);
        if (found == null) {
            return null;
        }
        if (System.nanoTime() - found.until() > 0) {
            confirmed.remove(key, found);
            return null;
        }
        return found.relation();
    }

    /** Remembers what the database just answered, if it opens clinical data. */
    public Relation remember(Caller caller, long patientId, Relation relation) {
        if (forNanos > 0 && caller.userId() != null && (relation == Relation.TREATING || relation == Relation.EMERGENCY)) {
            if (confirmed.size() >= MAX_ENTRIES) {
                confirmed.clear();
            }
            confirmed.put(new Key(caller.userId(), caller.role().name(), patientId),
                    new Confirmed(relation, System.nanoTime() + forNanos));
        }
        return relation;
    }
}
