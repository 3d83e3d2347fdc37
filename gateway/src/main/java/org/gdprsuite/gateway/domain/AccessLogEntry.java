package org.gdprsuite.gateway.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One call to a personal-data endpoint: who (token subject and client) called what, about whom. */
@Entity
@Table(name = "access_log")
public class AccessLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(insertable = false, updatable = false)
    public Instant at;

    public String principal;

    @Column(name = "client_id")
    public String clientId;

    public String method;

    public String path;

    public int status;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "person_id")
    public UUID personId;
}
