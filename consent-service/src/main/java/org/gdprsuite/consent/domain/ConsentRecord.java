package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of the append-only consent ledger: a legal basis and status for a person × purpose from
 * an effective time, with who recorded it, from where and the evidence (Art. 7(1)). The database
 * refuses changes except erasing the evidence.
 */
@Entity
@Table(name = "consent_record")
public class ConsentRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "purpose_key")
    public String purpose;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis")
    public LegalBasis legalBasis;

    @Enumerated(EnumType.STRING)
    public ConsentStatus status;

    @Column(name = "effective_at")
    public Instant effectiveAt;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "recorded_by")
    public String recordedBy;

    @Enumerated(EnumType.STRING)
    public ConsentSource source;

    public String channel;

    @Column(name = "notice_version")
    public String noticeVersion;

    @Column(name = "evidence_ip")
    public String evidenceIp;

    @Column(name = "evidence_user_agent")
    public String evidenceUserAgent;

    @Column(name = "evidence_form_id")
    public String evidenceFormId;

    /** The inbound event this record came from, if any. */
    @Column(name = "event_id")
    public String eventId;
}
