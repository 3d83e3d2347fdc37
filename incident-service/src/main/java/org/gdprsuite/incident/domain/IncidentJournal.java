package org.gdprsuite.incident.domain;

import java.time.Clock;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.IncidentChanged;
import org.gdprsuite.events.payload.IncidentDeadlineAlert;
import org.gdprsuite.events.payload.IncidentDeadlineAlert.Alert;
import org.gdprsuite.runtime.outbox.Outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every change of an incident is written to its timeline and published on {@code incident.events}, in the
 * transaction of the change (Art. 33(5) documentation).
 */
@ApplicationScoped
public class IncidentJournal {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** A change of the incident: on its timeline and as {@code incident.changed}. */
    public void changed(Incident incident, String actor, String action, String detail) {
        record(incident, actor, action, detail);
        outbox.publish(
                EventType.INCIDENT_CHANGED,
                incident.id.toString(),
                new IncidentChanged(
                        incident.id,
                        incident.status.name(),
                        incident.risk == null ? null : incident.risk.name(),
                        incident.notifyBy()));
    }

    /** A deadline alert, raised once per kind: on the timeline and as {@code incident.deadline-alert}. */
    public void alerted(Incident incident, Alert alert) {
        outbox.publish(
                EventType.INCIDENT_DEADLINE_ALERT,
                incident.id.toString(),
                new IncidentDeadlineAlert(incident.id, incident.reference, alert, incident.notifyBy()));
        record(incident, "incident-service", "deadline alert", alert.name());
    }

    /** A step on the incident's timeline only; the detail never holds personal data. */
    public void record(Incident incident, String actor, String action, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incident.id;
        entry.at = clock.instant();
        entry.actor = actor;
        entry.action = action;
        entry.detail = detail;
        entry.persist();
    }
}
