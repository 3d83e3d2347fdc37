package org.gdprsuite.subscription.domain;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A kind of communication, e.g. "Product news", sent only under the consent purpose it names. */
@Entity
@Table(name = "subscription_type")
public class SubscriptionType extends PanacheEntityBase {

    @Id
    @Column(name = "type_key")
    public String key;

    public String name;

    public String description;

    @Column(name = "purpose_key")
    public String purposeKey;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
