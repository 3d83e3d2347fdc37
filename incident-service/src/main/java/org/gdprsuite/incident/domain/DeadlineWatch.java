package org.gdprsuite.incident.domain;

import java.time.Clock;
import java.time.Instant;

import org.gdprsuite.events.payload.IncidentDeadlineAlert.Alert;
import org.gdprsuite.incident.config.IncidentConfig;
import org.gdprsuite.runtime.metrics.CountGauge;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Watches the 72-hour clock: alerts once when due soon and once when overdue, and exposes both as gauges. */
@ApplicationScoped
public class DeadlineWatch {

    @Inject
    Incidents incidents;

    @Inject
    IncidentJournal journal;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    IncidentConfig config;

    private CountGauge overdue;
    private CountGauge awaiting;

    /** Before the scheduler's first tick, which may come before the startup event reaches this bean. */
    @PostConstruct
    void registerGauges() {
        overdue = CountGauge.register(
                metrics,
                "gdpr.incidents.overdue",
                "Breaches whose authority notification is past the 72-hour deadline");
        awaiting = CountGauge.register(
                metrics,
                "gdpr.incidents.awaiting.notification",
                "Breaches whose authority notification is still to be made");
    }

    @Scheduled(
            every = "${gdpr.incident.deadline-check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        QuarkusTransaction.requiringNew().call(this::raiseAlerts);
        QuarkusTransaction.requiringNew().run(() -> {
            awaiting.set(incidents.countAwaitingAuthority());
            overdue.set(incidents.countOverdue(clock.instant()));
        });
    }

    /** Raises each due-soon and overdue alert once per incident; returns how many were raised. */
    int raiseAlerts() {
        Instant now = clock.instant();
        int raised = 0;
        for (Incident incident : incidents.awaitingAuthority()) {
            var alert = incident.alertDue(now, config.dueSoon());
            if (alert.isPresent()) {
                if (alert.get() == Alert.OVERDUE) {
                    incident.overdueAlertedAt = now;
                } else {
                    incident.dueSoonAlertedAt = now;
                }
                journal.alerted(incident, alert.get());
                metrics.counter(
                                "gdpr.incident.deadline.alerts",
                                "alert",
                                alert.get().name())
                        .increment();
                raised++;
            }
        }
        return raised;
    }
}
