package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.SubscriptionChanged;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one place where opt-ins and opt-outs change, from staff, the preference centre or a one-click
 * unsubscribe: the current choice, its history (who, when, from where) and a {@code subscription.changed}
 * event, in one transaction. {@link #GLOBAL} is the opt-out of all marketing.
 */
@ApplicationScoped
public class Subscriptions {

    /** The subscription type key of the global marketing opt-out in events and history. */
    public static final String GLOBAL = "*";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SubscriptionTypes types;

    /** A person's choices: type key → subscribed, and the global opt-out. */
    public record Preferences(Map<String, Boolean> subscriptions, boolean globalOptOut) {}

    public Preferences of(UUID personId) {
        Map<String, Boolean> choices = new LinkedHashMap<>();
        for (SubscriptionType type : types.byName()) {
            choices.put(type.key, false);
        }
        for (Object row : em.createNativeQuery("SELECT type_key, subscribed FROM subscription WHERE person_id = ?1")
                .setParameter(1, personId)
                .getResultList()) {
            Object[] cells = (Object[]) row;
            choices.put((String) cells[0], (Boolean) cells[1]);
        }
        Boolean optedOut = (Boolean) em.createNativeQuery("SELECT opted_out FROM global_opt_out WHERE person_id = ?1")
                .setParameter(1, personId)
                .getResultStream()
                .findFirst()
                .orElse(false);
        return new Preferences(choices, optedOut);
    }

    /** Sets one subscription; returns whether it changed. */
    @Transactional
    public boolean set(UUID personId, String typeKey, boolean subscribed, String source, String by) {
        types.get(typeKey);
        Instant now = clock.instant();
        int changed = em.createNativeQuery("""
                INSERT INTO subscription (person_id, type_key, subscribed, changed_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (type_key, person_id) DO UPDATE SET subscribed = EXCLUDED.subscribed, changed_at = EXCLUDED.changed_at
                WHERE subscription.subscribed <> EXCLUDED.subscribed
                """)
                .setParameter(1, personId)
                .setParameter(2, typeKey)
                .setParameter(3, subscribed)
                .setParameter(4, now)
                .executeUpdate();
        if (changed == 1) {
            record(personId, typeKey, subscribed, source, by, now);
        }
        return changed == 1;
    }

    /** The opt-out of all marketing (or its end); single subscriptions stay as chosen underneath. */
    @Transactional
    public boolean setGlobalOptOut(UUID personId, boolean optedOut, String source, String by) {
        Instant now = clock.instant();
        int changed = em.createNativeQuery("""
                INSERT INTO global_opt_out (person_id, opted_out, changed_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (person_id) DO UPDATE SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at
                WHERE global_opt_out.opted_out <> EXCLUDED.opted_out
                """)
                .setParameter(1, personId)
                .setParameter(2, optedOut)
                .setParameter(3, now)
                .executeUpdate();
        if (changed == 1) {
            record(personId, GLOBAL, !optedOut, source, by, now);
        }
        return changed == 1;
    }

    /** Applies a whole set of choices (preference centre): each change recorded on its own. */
    @Transactional
    public void apply(UUID personId, Preferences wanted, String source, String by) {
        wanted.subscriptions().forEach((type, subscribed) -> set(personId, type, subscribed, source, by));
        setGlobalOptOut(personId, wanted.globalOptOut(), source, by);
    }

    /** One opt-in or opt-out: which type ({@link #GLOBAL} for all marketing), when, by whom, from where. */
    public record HistoryEntry(String type, boolean subscribed, Instant at, String by, String source) {}

    /** The whole history, for the person's export. */
    public List<HistoryEntry> history(UUID personId) {
        return history(personId, 0, Integer.MAX_VALUE).items();
    }

    /** One page of the history, oldest first (over the person's index). */
    @SuppressWarnings("unchecked")
    public Results<HistoryEntry> history(UUID personId, int page, int size) {
        List<HistoryEntry> entries = em.createNativeQuery("""
                SELECT type_key, subscribed, at, changed_by, source FROM subscription_history
                WHERE person_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3
                """, HistoryEntry.class)
                .setParameter(1, personId)
                .setParameter(2, size)
                .setParameter(3, Results.offset(page, size))
                .getResultList();
        long total = page == 0 && entries.size() < size
                ? entries.size()
                : ((Number) em.createNativeQuery("SELECT count(*) FROM subscription_history WHERE person_id = ?1")
                                .setParameter(1, personId)
                                .getSingleResult())
                        .longValue();
        return new Results<>(entries, page, size, total);
    }

    /** Mail sent to the person: which template, when (the log keeps no address and no content). */
    public record Delivery(String template, Instant sentAt) {}

    public List<Delivery> deliveries(UUID personId) {
        return em.createNativeQuery(
                        "SELECT template, sent_at FROM mail_log WHERE person_id = ?1 ORDER BY id", Delivery.class)
                .setParameter(1, personId)
                .getResultList();
    }

    /**
     * Erasure of the person's slice: the choices and their dates stay (proof that mail was wanted or
     * refused), who made them is forgotten, the delivery log goes, and the person is opted out of everything.
     */
    @Transactional
    public void erase(List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return;
        }
        UUID[] ids = personIds.toArray(UUID[]::new);
        em.createNativeQuery("UPDATE subscription_history SET changed_by = NULL WHERE person_id = ANY(?1)")
                .setParameter(1, ids)
                .executeUpdate();
        // Only persons subscribed to something have choices to withdraw (one query, not three per person).
        @SuppressWarnings("unchecked")
        List<UUID> subscribed = em.createNativeQuery(
                        "SELECT DISTINCT person_id FROM subscription WHERE subscribed AND person_id = ANY(?1)",
                        UUID.class)
                .setParameter(1, ids)
                .getResultList();
        for (UUID personId : subscribed) {
            for (Map.Entry<String, Boolean> choice :
                    of(personId).subscriptions().entrySet()) {
                if (choice.getValue()) {
                    set(personId, choice.getKey(), false, "ERASURE", null);
                }
            }
        }
        em.createNativeQuery("""
                        UPDATE contact_read_model SET email = NULL, country = NULL, organisation_id = NULL, source = NULL,
                            last_activity_at = NULL, anonymized = true
                        WHERE person_id = ANY(?1)
                        """).setParameter(1, ids).executeUpdate();
        em.createNativeQuery("DELETE FROM mail_log WHERE person_id = ANY(?1)")
                .setParameter(1, ids)
                .executeUpdate();
    }

    private void record(UUID personId, String typeKey, boolean subscribed, String source, String by, Instant at) {
        em.createNativeQuery("""
                INSERT INTO subscription_history (person_id, type_key, subscribed, at, changed_by, source)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """)
                .setParameter(1, personId)
                .setParameter(2, typeKey)
                .setParameter(3, subscribed)
                .setParameter(4, at)
                .setParameter(5, by)
                .setParameter(6, source)
                .executeUpdate();
        outbox.publish(
                EventType.SUBSCRIPTION_CHANGED,
                personId.toString(),
                new SubscriptionChanged(personId, typeKey, subscribed, source, purposeOf(typeKey)));
    }

    /** The purpose a type is sent under, carried so consent-service can deny it to whoever opts out (none for *). */
    private String purposeOf(String typeKey) {
        return GLOBAL.equals(typeKey)
                ? null
                : types.find(typeKey).map(type -> type.purposeKey).orElse(null);
    }
}
