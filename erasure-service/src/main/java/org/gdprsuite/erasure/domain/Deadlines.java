package org.gdprsuite.erasure.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.domain.DataSubjectRequest.Status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the retries of silent or failed participants, purges export bundles past their link's validity,
 * and keeps the overdue / due-soon gauges current.
 */
@ApplicationScoped
public class Deadlines {

    static final List<Status> OPEN = List.of(Status.RECEIVED, Status.VERIFIED, Status.APPROVED, Status.IN_PROGRESS);

    @Inject
    Requests requests;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @ConfigProperty(name = "gdpr.erasure.due-soon", defaultValue = "P7D")
    Duration dueSoon;

    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong dueSoonCount = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("gdpr.dsr.overdue", overdue, AtomicLong::get).description("Open requests past their due date")
                .register(metrics);
        Gauge.builder("gdpr.dsr.due.soon", dueSoonCount, AtomicLong::get)
                .description("Open requests due within gdpr.erasure.due-soon").register(metrics);
    }

    @Scheduled(every = "${gdpr.erasure.retry-check-every:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        requests.retryDue();
        requests.purgeExpiredExports();
        QuarkusTransaction.requiringNew().run(() -> {
            var now = clock.instant();
            overdue.set(DataSubjectRequest.count("status in ?1 and dueAt < ?2", OPEN, now));
            dueSoonCount.set(DataSubjectRequest.count("status in ?1 and dueAt >= ?2 and dueAt < ?3", OPEN, now,
                    now.plus(dueSoon)));
        });
    }
}
