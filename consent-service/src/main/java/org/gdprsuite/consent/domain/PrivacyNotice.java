package org.gdprsuite.consent.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A version of the privacy notice; records name the version the person was shown. */
@Entity
@Table(name = "privacy_notice")
public class PrivacyNotice extends PanacheEntityBase {

    @Id
    public String version;

    @Column(name = "text_sha256")
    public String textSha256;

    @Column(name = "effective_at")
    public Instant effectiveAt;
}
