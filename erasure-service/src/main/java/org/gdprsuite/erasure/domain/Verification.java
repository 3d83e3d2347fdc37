package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The pending e-mail verification of a portal request: the code's hash, its expiry and the attempts made. */
@Entity
@Table(name = "dsr_verification")
public class Verification extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(name = "code_sha256")
    public String codeSha256;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;
}
