package org.gdprsuite.incident.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A person (contact-service id) affected by a breach, and when they were told (Art. 34). */
@Entity
@Table(name = "incident_affected_person")
@IdClass(AffectedPerson.Key.class)
public class AffectedPerson extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Id
    @Column(name = "person_id")
    public UUID personId;

    @Column(name = "added_at")
    public Instant addedAt;

    @Column(name = "notified_at")
    public Instant notifiedAt;

    public static class Key implements Serializable {
        public UUID incidentId;
        public UUID personId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(incidentId, k.incidentId)
                    && Objects.equals(personId, k.personId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, personId);
        }
    }
}
