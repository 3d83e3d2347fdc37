package org.gdprsuite.erasure.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** What one participant was asked for one request, and its answer. */
@Entity
@Table(name = "dsr_task")
@IdClass(Task.Key.class)
public class Task extends PanacheEntityBase {

    public enum Status {
        /** Asked, no answer yet. */
        PENDING,
        /** Answered failed; asked again after a back-off. */
        FAILED,
        /** No answer after every retry: escalated. */
        TIMED_OUT,
        DONE,
        /** Kept on purpose, with the legal reason (e.g. Art. 17(3)(b)). */
        HELD;

        public boolean isAnswered() {
            return this == DONE || this == HELD;
        }
    }

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Id
    public String participant;

    public String action;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "command_id")
    public String commandId;

    public int attempts;

    @Column(name = "next_retry_at")
    public Instant nextRetryAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "legal_reason")
    public String legalReason;

    public String error;

    /** The exported slice, until the bundle is assembled. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode slice;

    public static class Key implements Serializable {
        public UUID requestId;
        public String participant;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(requestId, k.requestId) && Objects.equals(participant, k.participant);
        }

        @Override
        public int hashCode() {
            return Objects.hash(requestId, participant);
        }
    }
}
