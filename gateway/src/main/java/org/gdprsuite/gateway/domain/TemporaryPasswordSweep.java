package org.gdprsuite.gateway.domain;

import java.time.Clock;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Hourly: temporary passwords not used for a first login within their lifespan are removed from Keycloak. */
@ApplicationScoped
public class TemporaryPasswordSweep {

    private static final Logger LOG = Logger.getLogger(TemporaryPasswordSweep.class);
    private static final int PER_RUN = 200;

    @Inject
    StaffUsers staff;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(
            every = "1h",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (config.staff().clientSecret().isEmpty()) {
            return;
        }
        try {
            int removed = staff.expireUnusedTemporaryPasswords(clock.instant(), PER_RUN);
            if (removed > 0) {
                LOG.infof("Removed %d unused temporary passwords of staff users", removed);
            }
        } catch (StaffAccountsUnavailable e) {
            LOG.warn("Keycloak unreachable: unused temporary passwords are removed at the next run");
        }
    }
}
