package org.gdprsuite.incident.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A personal-data breach; documented whether notified or not (Art. 33(5)). */
@Entity
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;

    public String title;

    public String status;

    @Column(name = "reported_at", insertable = false, updatable = false)
    public Instant reportedAt;

    /** When the controller became aware: the 72-hour notification clock starts here. */
    @Column(name = "aware_at")
    public Instant awareAt;
}
