package org.gdprsuite.incident.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.IncidentChanged;
import org.gdprsuite.events.payload.IncidentDeadlineAlert;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.incident.domain.Incident.Origin;
import org.gdprsuite.incident.domain.Incident.Status;
import org.gdprsuite.incident.domain.RiskAssessment.Art34Exception;
import org.gdprsuite.incident.domain.RiskAssessment.Likelihood;
import org.gdprsuite.incident.domain.RiskAssessment.Risk;
import org.gdprsuite.incident.domain.RiskAssessment.Severity;
import org.gdprsuite.runtime.outbox.Outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

/**
 * The one place where the breach register changes: intake, lifecycle, risk assessment, the 72-hour
 * clock and the notifications. Every change is written to the incident's timeline and published on
 * {@code incident.events} in the same transaction.
 */
@ApplicationScoped
public class IncidentRegister {

    public static final String BREACH_NOTICE = "breach.notice";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "gdpr.incident.due-soon", defaultValue = "PT12H")
    Duration dueSoon;

    /** What a reporter tells about a breach (Art. 33(3) content as far as known). */
    public record Report(String title, List<Incident.Nature> nature, String description, Instant occurredAt,
            Instant awareAt, List<String> dataCategories, Long approxSubjects, Long approxRecords,
            String likelyConsequences, String measures, String dpoContact, String reporterContact) {
    }

    public record Assessment(Likelihood likelihood, Severity severity, String rationale, Art34Exception art34Exception,
            String art34ExceptionReason) {
    }

    @Transactional
    public Incident report(Report report, Origin origin, String actor) {
        Instant now = clock.instant();
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.reference = "INC-" + em.createNativeQuery("SELECT nextval('incident_reference_seq')").getSingleResult();
        incident.origin = origin;
        incident.status = Status.REPORTED;
        incident.reportedBy = actor;
        incident.awareAt = report.awareAt() == null ? now : report.awareAt();
        apply(incident, report);
        incident.reporterContact = report.reporterContact();
        incident.persist();
        changed(incident, actor, "reported", origin == Origin.PUBLIC ? "through the public form" : null);
        return incident;
    }

    /** Completes or corrects the description of the breach (what is known grows over time). */
    @Transactional
    public Incident describe(UUID id, Report report, String actor) {
        Incident incident = open(id);
        if (report.awareAt() != null) {
            incident.awareAt = report.awareAt();
        }
        apply(incident, report);
        changed(incident, actor, "described", null);
        return incident;
    }

    /** Moves the incident one step on: reported → triaged, assessed → contained → closed. */
    @Transactional
    public Incident advance(UUID id, Status to, String actor) {
        Incident incident = find(id);
        boolean next = switch (to) {
            case TRIAGED -> incident.status == Status.REPORTED;
            case CONTAINED -> incident.status == Status.ASSESSED;
            case CLOSED -> incident.status == Status.CONTAINED;
            default -> false;
        };
        if (!next) {
            throw conflict("An incident in status " + incident.status + " cannot become " + to
                    + " (reported → triaged → assessed by a risk assessment → contained → closed).");
        }
        if (to == Status.CLOSED && incident.awaitsAuthorityNotification()) {
            throw conflict("The supervisory authority must be notified before the incident is closed.");
        }
        if (to == Status.CLOSED && incident.subjectNotificationRequired()
                && AffectedPerson.count("incidentId = ?1 and notifiedAt is null", id) > 0) {
            throw conflict("The affected persons must be notified (Art. 34) before the incident is closed.");
        }
        incident.status = to;
        changed(incident, actor, to.name().toLowerCase(), null);
        return incident;
    }

    /** Risk assessment of a triaged (or re-assessment of an assessed) incident. */
    @Transactional
    public Incident assess(UUID id, Assessment assessment, String actor) {
        Incident incident = open(id);
        if (incident.status == Status.REPORTED) {
            throw conflict("Triage the incident before assessing its risk.");
        }
        Risk risk = RiskAssessment.of(assessment.likelihood(), assessment.severity());
        if (assessment.art34Exception() != null && risk != Risk.HIGH_RISK) {
            throw unprocessable("An Art. 34(3) exception applies only to a high-risk breach.");
        }
        incident.likelihood = assessment.likelihood();
        incident.severity = assessment.severity();
        incident.risk = risk;
        incident.riskRationale = assessment.rationale();
        incident.art34Exception = assessment.art34Exception();
        incident.art34ExceptionReason = assessment.art34ExceptionReason();
        if (incident.status == Status.TRIAGED) {
            incident.status = Status.ASSESSED;
        }
        changed(incident, actor, "assessed", "risk " + risk + (risk == Risk.NO_RISK
                ? ": authority notification not required (Art. 33(1))" : ""));
        return incident;
    }

    @Transactional
    public int addAffected(UUID id, Collection<UUID> personIds, String actor) {
        Incident incident = open(id);
        Instant now = clock.instant();
        int added = 0;
        for (UUID personId : personIds) {
            added += em.createNativeQuery("""
                    INSERT INTO incident_affected_person (incident_id, person_id, added_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT DO NOTHING
                    """).setParameter(1, id).setParameter(2, personId).setParameter(3, now).executeUpdate();
        }
        changed(incident, actor, "affected persons added", added + " person(s)");
        return added;
    }

    /** The authority was notified (Art. 33); after the 72 hours only with the reasons for the delay (Art. 33(1)). */
    @Transactional
    public Incident authorityNotified(UUID id, Instant notifiedAt, String reference, String delayReason, String actor) {
        Incident incident = open(id);
        if (incident.risk == null) {
            throw conflict("Assess the risk before notifying the authority.");
        }
        if (!incident.authorityNotificationRequired()) {
            throw conflict("The assessment found no risk: the authority notification is not required.");
        }
        Instant at = notifiedAt == null ? clock.instant() : notifiedAt;
        if (at.isAfter(incident.notifyBy()) && (delayReason == null || delayReason.isBlank())) {
            throw unprocessable("The notification is later than 72 hours after awareness: give the reasons for the delay.");
        }
        incident.authorityNotifiedAt = at;
        incident.authorityReference = reference;
        incident.authorityDelayReason = delayReason;
        changed(incident, actor, "authority notified", at.isAfter(incident.notifyBy()) ? "late, with reasons" : "in time");
        return incident;
    }

    /** Art. 34: one breach notice per affected person not yet told; returns how many were sent. */
    @Transactional
    public int notifySubjects(UUID id, String actor) {
        Incident incident = open(id);
        if (!incident.subjectNotificationRequired()) {
            throw conflict("Only a high-risk breach without an Art. 34(3) exception is notified to the persons.");
        }
        Instant now = clock.instant();
        List<AffectedPerson> pending = AffectedPerson.list("incidentId = ?1 and notifiedAt is null", id);
        Map<String, String> notice = Map.of("reference", incident.reference,
                "nature", String.join(", ", incident.nature),
                "consequences", nullToEmpty(incident.likelyConsequences),
                "measures", nullToEmpty(incident.measures),
                "dpoContact", nullToEmpty(incident.dpoContact));
        for (AffectedPerson person : pending) {
            // No address here: subscription-service, which sends the suite's mail, knows it.
            outbox.publish(EventType.NOTIFICATION_REQUESTED, person.personId.toString(),
                    new NotificationRequested(BREACH_NOTICE, person.personId, null, null, notice));
            person.notifiedAt = now;
        }
        changed(incident, actor, "persons notified", pending.size() + " notice(s)");
        return pending.size();
    }

    /** Raises each due-soon and overdue alert once per incident; returns how many were raised. */
    @Transactional
    public int raiseDeadlineAlerts() {
        Instant now = clock.instant();
        int raised = 0;
        List<Incident> waiting = Incident.list("authorityNotifiedAt is null and status <> ?1", Status.CLOSED);
        for (Incident incident : waiting) {
            if (!incident.awaitsAuthorityNotification()) {
                continue;
            }
            if (!now.isBefore(incident.notifyBy()) && incident.overdueAlertedAt == null) {
                incident.overdueAlertedAt = now;
                raised += alert(incident, IncidentDeadlineAlert.Alert.OVERDUE);
            } else if (!now.isBefore(incident.notifyBy().minus(dueSoon)) && incident.dueSoonAlertedAt == null
                    && incident.overdueAlertedAt == null) {
                incident.dueSoonAlertedAt = now;
                raised += alert(incident, IncidentDeadlineAlert.Alert.DUE_SOON);
            }
        }
        return raised;
    }

    public Incident find(UUID id) {
        Incident incident = Incident.findById(id);
        if (incident == null) {
            throw new NotFoundException("No such incident.");
        }
        return incident;
    }

    public List<TimelineEntry> timeline(UUID id) {
        return TimelineEntry.list("incidentId", Sort.by("id"), id);
    }

    private int alert(Incident incident, IncidentDeadlineAlert.Alert alert) {
        outbox.publish(EventType.INCIDENT_DEADLINE_ALERT, incident.id.toString(),
                new IncidentDeadlineAlert(incident.id, incident.reference, alert, incident.notifyBy()));
        timeline(incident, "incident-service", "deadline alert", alert.name());
        metrics.counter("gdpr.incident.deadline.alerts", "alert", alert.name()).increment();
        return 1;
    }

    private Incident open(UUID id) {
        Incident incident = find(id);
        if (incident.status == Status.CLOSED) {
            throw conflict("The incident is closed.");
        }
        return incident;
    }

    private static void apply(Incident incident, Report report) {
        if (report.title() != null) {
            incident.title = report.title();
        }
        if (report.nature() != null) {
            incident.nature = report.nature().stream().distinct().map(Enum::name).toList();
        }
        if (report.description() != null) {
            incident.description = report.description();
        }
        if (report.occurredAt() != null) {
            incident.occurredAt = report.occurredAt();
        }
        if (report.dataCategories() != null) {
            incident.dataCategories = List.copyOf(report.dataCategories());
        }
        if (report.approxSubjects() != null) {
            incident.approxSubjects = report.approxSubjects();
        }
        if (report.approxRecords() != null) {
            incident.approxRecords = report.approxRecords();
        }
        if (report.likelyConsequences() != null) {
            incident.likelyConsequences = report.likelyConsequences();
        }
        if (report.measures() != null) {
            incident.measures = report.measures();
        }
        if (report.dpoContact() != null) {
            incident.dpoContact = report.dpoContact();
        }
    }

    private void changed(Incident incident, String actor, String action, String detail) {
        timeline(incident, actor, action, detail);
        outbox.publish(EventType.INCIDENT_CHANGED, incident.id.toString(), new IncidentChanged(incident.id,
                incident.status.name(), incident.risk == null ? null : incident.risk.name(), incident.notifyBy()));
    }

    private void timeline(Incident incident, String actor, String action, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incident.id;
        entry.at = clock.instant();
        entry.actor = actor;
        entry.action = action;
        entry.detail = detail;
        entry.persist();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(message, 409);
    }

    private static ClientErrorException unprocessable(String message) {
        return new ClientErrorException(message, 422);
    }
}
