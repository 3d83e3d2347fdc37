package org.gdprsuite.contact.domain;

import java.util.UUID;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person whom consent-service's decision denies some purpose because of a right they exercised (RESTRICTED,
 * OBJECTED, OPTED_OUT or ERASED among the reasons on consent.events): a read-only view of the consent read model,
 * for searches of the persons who may be processed.
 */
@Entity
@Immutable
@Table(name = "person_denied_by_right")
public class DeniedByRight extends PanacheEntityBase {

    @Id
    @Column(name = "person_id")
    public UUID personId;
}
