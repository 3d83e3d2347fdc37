package org.gdprsuite.incident.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.problem.DomainProblem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Art. 34: the persons affected by a breach and the breach notice each of them gets, once. */
@ApplicationScoped
public class SubjectNotices {

    public static final String BREACH_NOTICE = "breach.notice";

    @Inject
    Incidents incidents;

    @Inject
    IncidentJournal journal;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** Adds persons (contact-service ids) to an open incident, each once; returns how many were new. */
    @Transactional
    public int addAffected(UUID id, Collection<UUID> personIds, String actor) {
        Incident incident = incidents.open(id);
        int added = incidents.addAffected(id, personIds, clock.instant());
        journal.changed(incident, actor, "affected persons added", added + " person(s)");
        return added;
    }

    /**
     * One breach notice per affected person not yet told; returns how many were sent. Refused unless the
     * breach is high-risk without an Art. 34(3) exception.
     */
    @Transactional
    public int notifySubjects(UUID id, String actor) {
        Incident incident = incidents.open(id);
        if (!incident.subjectNotificationRequired()) {
            throw DomainProblem.conflict(
                    "subject-notification-not-required",
                    "Only a high-risk breach without an Art. 34(3) exception is notified to the persons.");
        }
        Instant now = clock.instant();
        List<AffectedPerson> pending = incidents.notYetTold(id);
        Map<String, String> notice = Map.of(
                "reference",
                incident.reference,
                "nature",
                String.join(", ", incident.nature),
                "consequences",
                nullToEmpty(incident.likelyConsequences),
                "measures",
                nullToEmpty(incident.measures),
                "dpoContact",
                nullToEmpty(incident.dpoContact));
        for (AffectedPerson person : pending) {
            // No address here: subscription-service, which sends the suite's mail, knows it.
            outbox.publish(
                    EventType.NOTIFICATION_REQUESTED,
                    person.personId.toString(),
                    new NotificationRequested(BREACH_NOTICE, person.personId, null, null, notice));
            person.notifiedAt = now;
        }
        journal.changed(incident, actor, "persons notified", pending.size() + " notice(s)");
        return pending.size();
    }

    /** Whether every person a high-risk breach must be told of has been told (the authority report shows it). */
    public boolean allTold(Incident incident) {
        return incident.subjectNotificationRequired() && incidents.countNotYetTold(incident.id) == 0;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
