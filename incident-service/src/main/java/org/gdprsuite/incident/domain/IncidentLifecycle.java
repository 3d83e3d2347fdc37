package org.gdprsuite.incident.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.incident.domain.Incident.Origin;
import org.gdprsuite.incident.domain.Incident.Status;
import org.gdprsuite.incident.domain.RiskAssessment.Art34Exception;
import org.gdprsuite.incident.domain.RiskAssessment.Likelihood;
import org.gdprsuite.incident.domain.RiskAssessment.Risk;
import org.gdprsuite.incident.domain.RiskAssessment.Severity;
import org.gdprsuite.runtime.problem.DomainProblem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A breach from report to close: intake, description, the status steps, the risk assessment and the
 * authority notification (Art. 33). Every change goes to the {@link IncidentJournal}.
 */
@ApplicationScoped
public class IncidentLifecycle {

    @Inject
    Incidents incidents;

    @Inject
    IncidentJournal journal;

    @Inject
    Clock clock;

    /** What a reporter tells about a breach (Art. 33(3) content as far as known). */
    public record Report(
            String title,
            List<Incident.Nature> nature,
            String description,
            Instant occurredAt,
            Instant awareAt,
            List<String> dataCategories,
            Long approxSubjects,
            Long approxRecords,
            String likelyConsequences,
            String measures,
            String dpoContact,
            String reporterContact) {}

    public record Assessment(
            Likelihood likelihood,
            Severity severity,
            String rationale,
            Art34Exception art34Exception,
            String art34ExceptionReason) {}

    @Transactional
    public Incident report(Report report, Origin origin, String actor) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.reference = incidents.nextReference();
        incident.origin = origin;
        incident.status = Status.REPORTED;
        incident.reportedBy = actor;
        incident.awareAt = report.awareAt() == null ? clock.instant() : report.awareAt();
        apply(incident, report);
        incident.reporterContact = report.reporterContact();
        incident.persist();
        journal.changed(incident, actor, "reported", origin == Origin.PUBLIC ? "through the public form" : null);
        return incident;
    }

    /**
     * Completes or corrects the description of the breach (what is known grows over time): the fields given
     * replace what was recorded, those left out stay. The breach cannot have occurred after the controller became
     * aware of it, whether one, the other or both are given now.
     */
    @Transactional
    public Incident describe(UUID id, Report report, String actor) {
        Incident incident = incidents.open(id);
        Instant aware = report.awareAt() != null ? report.awareAt() : incident.awareAt;
        Instant occurred = report.occurredAt() != null ? report.occurredAt() : incident.occurredAt;
        if (occurred != null && occurred.isAfter(aware)) {
            throw DomainProblem.unprocessable(
                    "occurred-after-awareness",
                    "A breach cannot have occurred after the controller became aware of it.");
        }
        if (report.awareAt() != null) {
            incident.awareAt = report.awareAt();
        }
        apply(incident, report);
        journal.changed(incident, actor, "described", null);
        return incident;
    }

    /** Moves the incident one step on: reported → triaged, assessed → contained → closed. */
    @Transactional
    public Incident advance(UUID id, Status to, String actor) {
        Incident incident = incidents.find(id);
        boolean next = switch (to) {
            case TRIAGED -> incident.status == Status.REPORTED;
            case CONTAINED -> incident.status == Status.ASSESSED;
            case CLOSED -> incident.status == Status.CONTAINED;
            default -> false;
        };
        if (!next) {
            throw DomainProblem.conflict(
                    "incident-step-refused",
                    "An incident in status " + incident.status + " cannot become " + to
                            + " (reported → triaged → assessed by a risk assessment → contained → closed).");
        }
        if (to == Status.CLOSED && incident.awaitsAuthorityNotification()) {
            throw DomainProblem.conflict(
                    "authority-not-notified",
                    "The supervisory authority must be notified before the incident is closed.");
        }
        if (to == Status.CLOSED && incident.subjectNotificationRequired() && incidents.countNotYetTold(id) > 0) {
            throw DomainProblem.conflict(
                    "subjects-not-notified",
                    "The affected persons must be notified (Art. 34) before the incident is closed.");
        }
        incident.status = to;
        journal.changed(incident, actor, to.name().toLowerCase(), null);
        return incident;
    }

    /** Risk assessment of a triaged (or re-assessment of an assessed) incident. */
    @Transactional
    public Incident assess(UUID id, Assessment assessment, String actor) {
        Incident incident = incidents.open(id);
        if (incident.status == Status.REPORTED) {
            throw DomainProblem.conflict("incident-not-triaged", "Triage the incident before assessing its risk.");
        }
        Risk risk = RiskAssessment.of(assessment.likelihood(), assessment.severity(), assessment.art34Exception());
        incident.likelihood = assessment.likelihood();
        incident.severity = assessment.severity();
        incident.risk = risk;
        incident.riskRationale = assessment.rationale();
        incident.art34Exception = assessment.art34Exception();
        incident.art34ExceptionReason = assessment.art34ExceptionReason();
        if (incident.status == Status.TRIAGED) {
            incident.status = Status.ASSESSED;
        }
        journal.changed(
                incident,
                actor,
                "assessed",
                "risk " + risk + (risk == Risk.NO_RISK ? ": authority notification not required (Art. 33(1))" : ""));
        return incident;
    }

    /**
     * The authority was notified (Art. 33), at a time between the awareness and now; after the 72 hours only with the
     * reasons for the delay (Art. 33(1)).
     */
    @Transactional
    public Incident authorityNotified(UUID id, Instant notifiedAt, String reference, String delayReason, String actor) {
        Incident incident = incidents.open(id);
        if (incident.risk == null) {
            throw DomainProblem.conflict("incident-not-assessed", "Assess the risk before notifying the authority.");
        }
        if (!incident.authorityNotificationRequired()) {
            throw DomainProblem.conflict(
                    "authority-notification-not-required",
                    "The assessment found no risk: the authority notification is not required.");
        }
        Instant now = clock.instant();
        Instant at = notifiedAt == null ? now : notifiedAt;
        if (at.isAfter(now)) {
            throw DomainProblem.unprocessable(
                    "notification-in-the-future",
                    "The notification is recorded once it is sent: notifiedAt cannot be in the future.");
        }
        if (at.isBefore(incident.awareAt)) {
            throw DomainProblem.unprocessable(
                    "notification-before-awareness",
                    "The authority cannot have been notified before the controller became aware of the breach.");
        }
        boolean late = at.isAfter(incident.notifyBy());
        if (late && (delayReason == null || delayReason.isBlank())) {
            throw DomainProblem.unprocessable(
                    "delay-reason-required",
                    "The notification is later than 72 hours after awareness: give the reasons for the delay.");
        }
        incident.authorityNotifiedAt = at;
        incident.authorityReference = reference;
        incident.authorityDelayReason = delayReason;
        journal.changed(incident, actor, "authority notified", late ? "late, with reasons" : "in time");
        return incident;
    }

    private static void apply(Incident incident, Report report) {
        if (report.title() != null) {
            incident.title = report.title();
        }
        if (report.nature() != null) {
            incident.nature =
                    report.nature().stream().distinct().map(Enum::name).toList();
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
}
