package org.gdprsuite.consent.domain;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Consents whose validity has passed become expired (decisions already treat them as not allowed). */
@ApplicationScoped
public class ExpirySweep {

    private static final int BATCH = 500;

    @Inject
    LedgerMaintenance maintenance;

    @Scheduled(
            every = "${gdpr.consent.expiry-check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        while (maintenance.expireDue(BATCH) == BATCH) {
            // a full batch: more may be due
        }
    }
}
