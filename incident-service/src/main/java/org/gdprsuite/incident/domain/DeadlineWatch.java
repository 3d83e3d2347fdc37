package org.gdprsuite.incident.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/** Watches the 72-hour clock: alerts once when due soon and once when overdue, and exposes both as gauges. */
@ApplicationScoped
public class DeadlineWatch {

    @Inject
    IncidentRegister register;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    private final AtomicLong overdue = new AtomicLong();
    private final AtomicLong awaiting = new AtomicLong();

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("gdpr.incidents.overdue", overdue, AtomicLong::get)
                .description("Breaches whose authority notification is past the 72-hour deadline").register(metrics);
        Gauge.builder("gdpr.incidents.awaiting.notification", awaiting, AtomicLong::get)
                .description("Breaches whose authority notification is still to be made").register(metrics);
    }

    @Scheduled(every = "${gdpr.incident.deadline-check-every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        register.raiseDeadlineAlerts();
        QuarkusTransaction.requiringNew().run(() -> {
            var waiting = Incident.<Incident> list("authorityNotifiedAt is null and status <> ?1", Incident.Status.CLOSED)
                    .stream().filter(Incident::awaitsAuthorityNotification).toList();
            awaiting.set(waiting.size());
            overdue.set(waiting.stream().filter(i -> !clock.instant().isBefore(i.notifyBy())).count());
        });
    }
}
