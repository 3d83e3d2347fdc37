package org.gdprsuite.consent.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The current state of a person × purpose: the newest ledger record by effective time. Written only by {@link ConsentLedger}. */
@Entity
@Table(name = "consent_state")
@IdClass(ConsentState.Key.class)
public class ConsentState extends PanacheEntityBase {

    @Id
    @Column(name = "person_id")
    public UUID personId;

    @Id
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

    @Column(name = "record_id")
    public UUID recordId;

    /** The primary key (person, purpose). */
    public static class Key implements Serializable {
        public UUID personId;
        public String purpose;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && java.util.Objects.equals(personId, k.personId)
                    && java.util.Objects.equals(purpose, k.purpose);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(personId, purpose);
        }
    }
}
