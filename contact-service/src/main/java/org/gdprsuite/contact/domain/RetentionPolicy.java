package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** When persons are no longer needed: every criterion set must hold for a person to match. */
@Entity
@Table(name = "retention_policy")
public class RetentionPolicy extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** Only persons of this category (none: any). */
    @Enumerated(EnumType.STRING)
    public Person.Category category;

    /** Only persons for whom no purpose currently allows processing (from consent.events). */
    @Column(name = "without_legal_basis")
    public boolean withoutLegalBasis;

    /** Only persons without activity (or, without any, created) for this many months. */
    @Column(name = "inactive_months")
    public Integer inactiveMonths;

    /** Restricted persons are kept out unless the policy says otherwise. */
    @Column(name = "include_restricted")
    public boolean includeRestricted;

    public boolean enabled = true;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
