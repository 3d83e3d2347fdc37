package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A data-subject request; it must be answered by {@link #dueAt} (Art. 12(3)). Changed only through {@link Requests}. */
@Entity
@Table(name = "dsr_request")
public class DataSubjectRequest extends PanacheEntityBase {

    public enum Status {
        RECEIVED, VERIFIED, APPROVED, IN_PROGRESS, COMPLETED, PARTIALLY_COMPLETED, REJECTED, FAILED;

        public boolean isFinal() {
            return this == COMPLETED || this == PARTIALLY_COMPLETED || this == REJECTED || this == FAILED;
        }
    }

    public enum Origin {
        /** Taken by staff, who checked the person's identity. */
        STAFF,
        /** Submitted on the public portal; proceeds once the address is verified. */
        PORTAL,
        /** Asked for by a retention sweep of contact-service. */
        RETENTION
    }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type")
    public RequestType type;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Origin origin;

    /** The address the person gave; where answers and links are sent. */
    public String email;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "person_ids")
    public List<UUID> personIds = new ArrayList<>();

    public String details;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    @Column(name = "duplicate_of")
    public UUID duplicateOf;

    @Column(name = "extended_months")
    public int extendedMonths;

    @Column(name = "extension_reason")
    public String extensionReason;

    /** A participant did not answer in time; someone must look. */
    @Column(name = "escalated_at")
    public Instant escalatedAt;

    /** A retention request erased with others in one batch ({@link BatchErasures}); null for the others. */
    @Column(name = "batch_id")
    public UUID batchId;

    @Version
    public long version;
}
