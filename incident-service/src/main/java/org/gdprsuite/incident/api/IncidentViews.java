package org.gdprsuite.incident.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.TimelineEntry;

/** How incidents are shown to the DPO, in the register export and in the authority report. */
public final class IncidentViews {

    private IncidentViews() {}

    public record IncidentView(
            UUID id,
            String reference,
            String title,
            Incident.Status status,
            Incident.Origin origin,
            Instant reportedAt,
            String reportedBy,
            List<String> nature,
            String description,
            Instant occurredAt,
            Instant awareAt,
            List<String> dataCategories,
            Long approxSubjects,
            Long approxRecords,
            String likelyConsequences,
            String measures,
            String dpoContact,
            String likelihood,
            String severity,
            String risk,
            String riskRationale,
            String art34Exception,
            String art34ExceptionReason,
            boolean authorityNotificationRequired,
            boolean subjectNotificationRequired,
            Instant notifyBy,
            long secondsToDeadline,
            boolean overdue,
            Instant authorityNotifiedAt,
            String authorityReference,
            String authorityDelayReason,
            long affectedPersons) {

        /** The incident as of {@code now}, with the number of persons it affects. */
        static IncidentView of(Incident i, Instant now, long affectedPersons) {
            return new IncidentView(
                    i.id,
                    i.reference,
                    i.title,
                    i.status,
                    i.origin,
                    i.reportedAt,
                    i.reportedBy,
                    i.nature,
                    i.description,
                    i.occurredAt,
                    i.awareAt,
                    i.dataCategories,
                    i.approxSubjects,
                    i.approxRecords,
                    i.likelyConsequences,
                    i.measures,
                    i.dpoContact,
                    name(i.likelihood),
                    name(i.severity),
                    name(i.risk),
                    i.riskRationale,
                    name(i.art34Exception),
                    i.art34ExceptionReason,
                    i.authorityNotificationRequired(),
                    i.subjectNotificationRequired(),
                    i.notifyBy(),
                    Duration.between(now, i.notifyBy()).toSeconds(),
                    i.overdue(now),
                    i.authorityNotifiedAt,
                    i.authorityReference,
                    i.authorityDelayReason,
                    affectedPersons);
        }
    }

    /** Art. 33(3): what the notification to the supervisory authority contains. */
    public record AuthorityReport(
            String reference,
            String title,
            Instant occurredAt,
            Instant awareAt,
            Instant notifyBy,
            Instant notifiedAt,
            String delayReason,
            List<String> nature,
            String description,
            List<String> dataCategories,
            Long approxSubjects,
            Long approxRecords,
            String dpoContact,
            String likelyConsequences,
            String measures,
            String risk,
            String riskRationale,
            boolean subjectsNotified,
            String art34Exception) {

        static AuthorityReport of(Incident i, boolean subjectsNotified) {
            return new AuthorityReport(
                    i.reference,
                    i.title,
                    i.occurredAt,
                    i.awareAt,
                    i.notifyBy(),
                    i.authorityNotifiedAt,
                    i.authorityDelayReason,
                    i.nature,
                    i.description,
                    i.dataCategories,
                    i.approxSubjects,
                    i.approxRecords,
                    i.dpoContact,
                    i.likelyConsequences,
                    i.measures,
                    name(i.risk),
                    i.riskRationale,
                    subjectsNotified,
                    name(i.art34Exception));
        }
    }

    public record TimelineView(Instant at, String actor, String action, String detail) {
        static TimelineView of(TimelineEntry e) {
            return new TimelineView(e.at, e.actor, e.action, e.detail);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
