package org.gdprsuite.erasure.replies;

import java.time.Clock;
import java.time.Instant;

import org.gdprsuite.erasure.config.ErasureConfig;
import org.gdprsuite.erasure.domain.RequestKeys;
import org.gdprsuite.erasure.domain.RequestStore;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.intake.AddressVerification;
import org.gdprsuite.runtime.metrics.CountGauge;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every {@code gdpr.erasure.retry-check-every}: the retries of silent or failed participants, the purge of export
 * bundles past their link's validity, the closing of portal requests nobody proved, the destruction of closed
 * requests' keys, and the overdue / due-soon gauges.
 */
@ApplicationScoped
public class Schedule {

    @Inject
    Retries retries;

    @Inject
    Exports exports;

    @Inject
    RequestStore requests;

    @Inject
    RequestKeys keys;

    @Inject
    AddressVerification verification;

    @Inject
    MeterRegistry metrics;

    @Inject
    ErasureConfig config;

    @Inject
    Clock clock;

    private CountGauge overdue;
    private CountGauge dueSoon;

    /** Before the scheduler's first tick, which may come before the startup event reaches this bean. */
    @PostConstruct
    void registerGauges() {
        overdue = CountGauge.register(metrics, "gdpr.dsr.overdue", "Open requests past their due date");
        dueSoon = CountGauge.register(metrics, "gdpr.dsr.due.soon", "Open requests due within gdpr.erasure.due-soon");
    }

    @Scheduled(
            every = "${gdpr.erasure.retry-check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        retries.retryDue();
        exports.purgeExpired();
        verification.closeUnverified();
        keys.destroyClosed();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.instant();
            overdue.set(requests.countOpenDue(null, now));
            dueSoon.set(requests.countOpenDue(now, now.plus(config.erasure().dueSoon())));
        });
    }
}
