package org.mdms.imaging.maintenance;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The schedule of the maintenance jobs; each interval is configurable and "off" disables a job. */
@ApplicationScoped
public class MaintenanceJobs {

    private static final Logger LOG = Logger.getLogger(MaintenanceJobs.class);

    private final MaintenanceService maintenance;

    MaintenanceJobs(MaintenanceService maintenance) {
        this.maintenance = maintenance;
    }

    @Scheduled(identity = "image-purge", every = "${mdms.images.purge-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return quietly("purge", maintenance.purge());
    }

    @Scheduled(identity = "image-scrub", every = "${mdms.images.scrub-every}", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scrub() {
        return quietly("scrub", maintenance.scrub());
    }

    @Scheduled(identity = "temp-sweep", every = "${mdms.images.sweep-every}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return quietly("temp sweep", maintenance.sweepTemp());
    }

    @Scheduled(identity = "image-reconcile", every = "${mdms.images.reconcile-every}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return quietly("reconcile", maintenance.reconcile(true));
    }

    /** A failed run (storage or database down) is logged and retried at the next tick. */
    private static Uni<Void> quietly(String job, Uni<JobReport> run) {
        return run.replaceWithVoid()
                .onFailure().invoke(t -> LOG.warnf("%s did not complete: %s", job, t.toString()))
                .onFailure().recoverWithNull();
    }
}
