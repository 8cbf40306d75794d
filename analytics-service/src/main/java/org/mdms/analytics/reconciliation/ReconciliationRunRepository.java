package org.mdms.analytics.reconciliation;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

/** The log of reconciliation runs. */
@ApplicationScoped
public class ReconciliationRunRepository implements PanacheRepository<ReconciliationRun> {

    /** One page of the runs, newest first. */
    PanacheQuery<ReconciliationRun> newestFirst(int page, int size) {
        return findAll(Sort.descending("id")).page(Page.of(page, size));
    }
}
