package org.gdprsuite.incident.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.payload.IncidentDeadlineAlert.Alert;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A personal-data breach; documented whether notified or not (Art. 33(5)). Changed only through {@link IncidentLifecycle} and {@link SubjectNotices}. */
@Entity
public class Incident extends PanacheEntityBase {

    /** Art. 33(1): the supervisory authority is notified within 72 hours of awareness. */
    public static final Duration NOTIFICATION_DEADLINE = Duration.ofHours(72);

    public enum Status {
        REPORTED,
        TRIAGED,
        ASSESSED,
        CONTAINED,
        CLOSED
    }

    public enum Origin {
        STAFF,
        PUBLIC
    }

    /** The security property that was breached. */
    public enum Nature {
        CONFIDENTIALITY,
        INTEGRITY,
        AVAILABILITY
    }

    @Id
    public UUID id;

    /** Short public reference, e.g. INC-42, quoted to reporters and the authority. */
    public String reference;

    public String title;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    @Column(name = "reported_at", insertable = false, updatable = false)
    public Instant reportedAt;

    @Column(name = "reported_by")
    public String reportedBy;

    /** An outside reporter's optional address for follow-up questions. */
    @Column(name = "reporter_contact")
    public String reporterContact;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> nature = new ArrayList<>();

    public String description;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    /** When the controller became aware: the 72-hour notification clock starts here. */
    @Column(name = "aware_at")
    public Instant awareAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "data_categories")
    public List<String> dataCategories = new ArrayList<>();

    @Column(name = "approx_subjects")
    public Long approxSubjects;

    @Column(name = "approx_records")
    public Long approxRecords;

    @Column(name = "likely_consequences")
    public String likelyConsequences;

    public String measures;

    @Column(name = "dpo_contact")
    public String dpoContact;

    @Enumerated(EnumType.STRING)
    public RiskAssessment.Likelihood likelihood;

    @Enumerated(EnumType.STRING)
    public RiskAssessment.Severity severity;

    @Enumerated(EnumType.STRING)
    public RiskAssessment.Risk risk;

    @Column(name = "risk_rationale")
    public String riskRationale;

    @Enumerated(EnumType.STRING)
    @Column(name = "art34_exception")
    public RiskAssessment.Art34Exception art34Exception;

    @Column(name = "art34_exception_reason")
    public String art34ExceptionReason;

    @Column(name = "authority_notified_at")
    public Instant authorityNotifiedAt;

    @Column(name = "authority_reference")
    public String authorityReference;

    @Column(name = "authority_delay_reason")
    public String authorityDelayReason;

    @Column(name = "due_soon_alerted_at")
    public Instant dueSoonAlertedAt;

    @Column(name = "overdue_alerted_at")
    public Instant overdueAlertedAt;

    @Version
    public long version;

    public Instant notifyBy() {
        return awareAt.plus(NOTIFICATION_DEADLINE);
    }

    /**
     * Whether the authority must (still) be told: yes unless assessed as no risk. Before the
     * assessment the clock runs all the same, so an unassessed breach counts as notifiable.
     */
    public boolean authorityNotificationRequired() {
        return RiskAssessment.authorityNotificationRequired(risk);
    }

    /** Art. 34: high risk means the persons are told too, unless a documented Art. 34(3) exception applies. */
    public boolean subjectNotificationRequired() {
        return RiskAssessment.subjectNotificationRequired(risk, art34Exception);
    }

    public boolean awaitsAuthorityNotification() {
        return status != Status.CLOSED && authorityNotificationRequired() && authorityNotifiedAt == null;
    }

    /** Past the 72 hours at {@code now} and the authority still not told. */
    public boolean overdue(Instant now) {
        return awaitsAuthorityNotification() && !now.isBefore(notifyBy());
    }

    /**
     * The alert of the 72-hour clock to raise at {@code now}, if any: overdue once, and due soon once
     * ({@code dueSoon} before the deadline) unless the overdue alert came first.
     */
    public Optional<Alert> alertDue(Instant now, Duration dueSoon) {
        if (!awaitsAuthorityNotification()) {
            return Optional.empty();
        }
        if (!now.isBefore(notifyBy())) {
            return overdueAlertedAt == null ? Optional.of(Alert.OVERDUE) : Optional.empty();
        }
        boolean soon = !now.isBefore(notifyBy().minus(dueSoon));
        return soon && dueSoonAlertedAt == null && overdueAlertedAt == null
                ? Optional.of(Alert.DUE_SOON)
                : Optional.empty();
    }
}
