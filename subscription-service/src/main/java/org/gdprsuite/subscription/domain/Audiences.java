package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Who may receive a mailing of a subscription type: subscribed, allowed by their consent decision for
 * the type's purpose, not restricted (or objecting), not anonymized, not globally opted out. Computed
 * from the local read models only, in person-id order over the subscription's primary key
 * (type, person), so a page of an audience of any size reads its rows from the index.
 */
@ApplicationScoped
public class Audiences {

    private static final String MEMBERS = """
            FROM subscription s
            JOIN subscription_type t ON t.type_key = s.type_key
            JOIN contact_read_model c ON c.person_id = s.person_id
            JOIN consent_read_model k ON k.person_id = s.person_id AND k.purpose = t.purpose_key
            LEFT JOIN global_opt_out g ON g.person_id = s.person_id
            WHERE s.type_key = ?1 AND s.subscribed AND s.person_id > ?2
              AND k.allowed AND (k.until IS NULL OR k.until > ?3)
              AND NOT c.restricted AND NOT c.anonymized AND c.email IS NOT NULL
              AND NOT coalesce(g.opted_out, false)
            """;
    private static final String PAGE =
            "SELECT s.person_id, c.email " + MEMBERS + "ORDER BY s.person_id LIMIT ?4 OFFSET ?5";
    private static final String COUNT = "SELECT count(*) " + MEMBERS;
    private static final UUID FIRST = new UUID(0, 0);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubjectCipher cipher;

    /** A member; {@code email} null if the person was just erased (their address no longer opens): not mailed. */
    public record Member(UUID personId, String email) {}

    /** Page {@code page} (zero-based) of {@code size} members, with the audience's size. */
    public Results<Member> page(String typeKey, int page, int size) {
        long total = ((Number) em.createNativeQuery(COUNT)
                        .setParameter(1, typeKey)
                        .setParameter(2, FIRST)
                        .setParameter(3, clock.instant())
                        .getSingleResult())
                .longValue();
        return new Results<>(members(typeKey, FIRST, size, Results.offset(page, size)), page, size, total);
    }

    /**
     * Up to {@code size} members after {@code after} (null: from the start): how a mailing walks the whole
     * audience, unaffected by members who unsubscribe while it is sent.
     */
    public List<Member> after(String typeKey, UUID after, int size) {
        return members(typeKey, after == null ? FIRST : after, size, 0);
    }

    private List<Member> members(String typeKey, UUID after, int size, long offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(PAGE)
                .setParameter(1, typeKey)
                .setParameter(2, after)
                .setParameter(3, clock.instant())
                .setParameter(4, size)
                .setParameter(5, offset)
                .getResultList();
        // Addresses are kept sealed; one that no longer opens (null) belongs to a person erased a moment ago.
        return rows.stream()
                .map(r -> new Member(
                        (UUID) r[0],
                        cipher.openReceived(r[0].toString(), SealedFields.EMAIL, (String) r[1])
                                .orElse(null)))
                .toList();
    }
}
