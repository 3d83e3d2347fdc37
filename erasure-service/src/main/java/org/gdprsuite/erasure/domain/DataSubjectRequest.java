package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A data-subject request; it must be answered by {@link #dueAt} (Art. 12(3)). */
@Entity
@Table(name = "dsr_request")
public class DataSubjectRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "request_type")
    public RequestType type;

    public String status;

    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;

    @Column(name = "due_at")
    public Instant dueAt;
}
