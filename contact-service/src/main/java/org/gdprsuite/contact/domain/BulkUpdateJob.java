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

/**
 * A bulk update too large for one request, as a job: the persons it matched when asked (bulk_update_target, by
 * position), the fields to set (sealed), and {@code done}, moved forward one committed batch at a time.
 */
@Entity
@Table(name = "bulk_update_job")
public class BulkUpdateJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    public Person.Category category;

    public String owner;

    @Column(name = "organisation_id")
    public UUID organisationId;

    /** The fields to set as JSON, sealed under the job's own data key; null once the job is over. */
    @Column(name = "set_fields")
    public String setFields;

    public String roles;

    /** QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED (as an import's). */
    @Enumerated(EnumType.STRING)
    public ImportJob.State state;

    public int matched;
    public int done;
    public int updated;
    public int batches;

    @Column(name = "chunk_failures")
    public int chunkFailures;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
