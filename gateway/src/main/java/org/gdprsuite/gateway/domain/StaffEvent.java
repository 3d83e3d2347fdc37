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

/** One thing done to a staff user (created, role changed, terminated, ...), by whom and when. Append-only. */
@Entity
@Table(name = "staff_event")
public class StaffEvent extends PanacheEntityBase {

    public enum Action {
        CREATED,
        ROLE_CHANGED,
        TEMPORARY_PASSWORD_ISSUED,
        TEMPORARY_PASSWORD_EXPIRED,
        NEWSLETTER_SUBSCRIBED,
        NEWSLETTER_UNSUBSCRIBED,
        TERMINATED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "staff_id")
    public UUID staffId;

    public Instant at;

    public String action;

    public String actor;

    /** The role the user had after the action. */
    public String role;

    static void record(StaffUser user, Action action, String actor, Instant at) {
        StaffEvent event = new StaffEvent();
        event.staffId = user.id;
        event.at = at;
        event.action = action.name();
        event.actor = actor;
        event.role = user.role;
        event.persist();
    }
}
