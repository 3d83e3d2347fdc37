package org.gdprsuite.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** Why personal data is processed, e.g. "newsletter" or "contract fulfilment". */
@Entity
public class Purpose extends PanacheEntityBase {

    @Id
    @Column(name = "purpose_key")
    public String key;

    public String name;

    public String description;

    /** Processing needs the person's consent; without it the purpose has a default legal basis for new persons. */
    @Column(name = "consent_required")
    public boolean consentRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "default_legal_basis")
    public LegalBasis defaultLegalBasis;

    /** How long data processed for this purpose is kept, as the privacy notice says (e.g. "P2Y"). */
    @Column(name = "retention_period")
    public String retentionPeriod;

    /** A consent for this purpose expires after this many days (none: until withdrawn). */
    @Column(name = "consent_validity_days")
    public Integer consentValidityDays;

    /** Direct marketing: denied by a global opt-out or an objection to direct marketing (Art. 21(2)-(3)). */
    @Column(name = "direct_marketing")
    public boolean directMarketing;

    /** The person may give consent to it themselves, on their consent page (only where consent is required). */
    @Column(name = "self_service_consent")
    public boolean selfServiceConsent;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "data_categories")
    public List<String> dataCategories = new ArrayList<>();

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
