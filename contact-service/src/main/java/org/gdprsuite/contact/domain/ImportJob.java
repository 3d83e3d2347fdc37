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
 * A CSV import as a job: the sealed upload, the options, where it stands and its counts. The runner moves
 * {@code rowsDone} forward one committed chunk at a time, so a job resumed after a crash starts after it.
 */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {

    /** Per row (each good row imported, each bad one reported) or all or nothing (one bad row: none imported). */
    public enum Mode {
        PER_ROW,
        ALL_OR_NOTHING
    }

    /** What becomes of a row whose address a live person has already. */
    public enum Duplicates {
        SKIP,
        MERGE
    }

    /** QUEUED, RUNNING, then COMPLETED, REJECTED (all or nothing, a bad row), CANCELLED or FAILED. */
    public enum State {
        QUEUED,
        RUNNING,
        COMPLETED,
        REJECTED,
        CANCELLED,
        FAILED;

        public boolean over() {
            return this != QUEUED && this != RUNNING;
        }
    }

    @Id
    public UUID id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Enumerated(EnumType.STRING)
    public Duplicates duplicates;

    public String source;
    public String purpose;

    @Column(name = "legal_basis")
    public String legalBasis;

    /** The caller's roles, comma-separated: every row is written with their rights. */
    public String roles;

    /** The CSV sealed under the job's own data key ({@link ImportJobs#keySubject}); null once the job is over. */
    public String upload;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "rows_total")
    public int rowsTotal;

    @Column(name = "rows_done")
    public int rowsDone;

    public int created;
    public int merged;
    public int skipped;
    public int failed;

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
