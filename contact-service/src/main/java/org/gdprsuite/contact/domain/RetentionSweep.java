package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The log of every retention sweep: which policy, when, started by whom, how many persons matched. */
@Entity
@Table(name = "retention_sweep")
public class RetentionSweep extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "policy_id")
    public UUID policyId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "started_by")
    public String startedBy;

    public int matched;
}
