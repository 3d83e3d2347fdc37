package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The assembled answer to an access or portability request: one machine-readable bundle of every slice. */
@Entity
@Table(name = "dsr_export")
public class ExportBundle extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode bundle;

    @Column(name = "ready_at")
    public Instant readyAt;

    @Column(name = "downloaded_at")
    public Instant downloadedAt;
}
