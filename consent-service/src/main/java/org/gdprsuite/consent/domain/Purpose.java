package org.gdprsuite.consent.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Why personal data is processed, e.g. "newsletter" or "contract fulfilment". */
@Entity
public class Purpose extends PanacheEntityBase {

    @Id
    @Column(name = "purpose_key")
    public String key;

    public String name;

    public String description;

    @Column(name = "consent_required")
    public boolean consentRequired;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
