package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** A call, meeting, mail, note or ticket with a person; its free text may hold personal data. */
@Entity
public class Activity extends PanacheEntityBase {

    public enum Type {
        CALL,
        MEETING,
        EMAIL,
        NOTE,
        TICKET
    }

    /** What an erased activity's free text becomes. */
    public static final String ERASED = "[erased]";

    @Id
    public UUID id;

    @Column(name = "person_id")
    public UUID personId;

    @Enumerated(EnumType.STRING)
    public Type type;

    public String subject;

    public String body;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
