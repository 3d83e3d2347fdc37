package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Consent events from {@code consent.inbound} that wait for their person (table {@code parked_consent}): the one
 * place that reads and writes it. A record waits outside the ledger, so nothing is an orphan, and without holding
 * up its partition; {@link InboundConsents} records it when the person is announced.
 */
@ApplicationScoped
public class ParkedConsents {

    /** A waiting event, in the order it came ({@code seq}). */
    public record Parked(long seq, UUID personId, CloudEvent event, Instant parkedAt) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Parks {@code events} of persons not announced yet; an event parked before stays as it was. */
    void park(List<CloudEvent> events, List<UUID> personIds) {
        em.createNativeQuery("""
                INSERT INTO parked_consent (event_id, person_id, envelope, parked_at)
                SELECT e.id, e.person_id, e.envelope, CAST(?4 AS timestamptz)
                FROM unnest(CAST(?1 AS text[]), CAST(?2 AS uuid[]), CAST(?3 AS text[]))
                    WITH ORDINALITY AS e (id, person_id, envelope, n)
                ORDER BY e.n
                ON CONFLICT (event_id) DO NOTHING
                """)
                .setParameter(1, events.stream().map(CloudEvent::id).toArray(String[]::new))
                .setParameter(2, personIds.toArray(UUID[]::new))
                .setParameter(3, events.stream().map(EventCodec::toJson).toArray(String[]::new))
                .setParameter(4, clock.instant())
                .executeUpdate();
    }

    /** Takes (deletes and returns, in the order they came) the events waiting for {@code personIds}. */
    List<Parked> take(List<UUID> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return parked(em.createNativeQuery("""
                        DELETE FROM parked_consent WHERE person_id = ANY(CAST(?1 AS uuid[]))
                        RETURNING seq, person_id, envelope, parked_at
                        """)
                .setParameter(1, personIds.stream().distinct().toArray(UUID[]::new))
                .getResultList());
    }

    /**
     * Up to {@code limit} events that waited longer than {@code wait}, locked for this transaction (another replica
     * skips them), oldest first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Parked> overdue(Duration wait, int limit) {
        return parked(em.createNativeQuery("""
                        SELECT seq, person_id, envelope, parked_at FROM parked_consent
                        WHERE parked_at < CAST(?1 AS timestamptz) ORDER BY seq LIMIT ?2 FOR UPDATE SKIP LOCKED
                        """)
                .setParameter(1, clock.instant().minus(wait))
                .setParameter(2, limit)
                .getResultList());
    }

    /** Forgets the given waiting events (dead-lettered). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(List<Parked> parked) {
        em.createNativeQuery("DELETE FROM parked_consent WHERE seq = ANY(CAST(?1 AS bigint[]))")
                .setParameter(1, parked.stream().map(Parked::seq).toArray(Long[]::new))
                .executeUpdate();
    }

    /** An erased person's waiting events go with their evidence: nothing is recorded for them later. */
    void forget(List<UUID> personIds) {
        take(personIds);
    }

    private static List<Parked> parked(List<?> rows) {
        List<Parked> parked = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            parked.add(new Parked(
                    ((Number) columns[0]).longValue(),
                    (UUID) columns[1],
                    EventCodec.parse((String) columns[2]),
                    instant(columns[3])));
        }
        parked.sort(Comparator.comparingLong(Parked::seq));
        return parked;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
