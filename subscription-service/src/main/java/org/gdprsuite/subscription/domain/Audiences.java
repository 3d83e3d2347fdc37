package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Who may receive a mailing of a subscription type: subscribed, allowed by their consent decision for
 * the type's purpose, not restricted (or objecting), not anonymized, not globally opted out. Computed
 * from the local read models only, page by page (keyset on the person id) for audiences of any size.
 */
@ApplicationScoped
public class Audiences {

    private static final String AUDIENCE = """
            SELECT s.person_id, c.email FROM subscription s
            JOIN subscription_type t ON t.type_key = s.type_key
            JOIN contact_read_model c ON c.person_id = s.person_id
            JOIN consent_read_model k ON k.person_id = s.person_id AND k.purpose = t.purpose_key
            LEFT JOIN global_opt_out g ON g.person_id = s.person_id
            WHERE s.type_key = ?1 AND s.subscribed AND s.person_id > ?2
              AND k.allowed AND (k.until IS NULL OR k.until > ?3)
              AND NOT c.restricted AND NOT c.anonymized AND c.email IS NOT NULL
              AND NOT coalesce(g.opted_out, false)
            ORDER BY s.person_id LIMIT ?4
            """;
    private static final UUID FIRST = new UUID(0, 0);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubjectCipher cipher;

    /** A member; {@code email} null if the person was just erased (their address no longer opens): not mailed. */
    public record Member(UUID personId, String email) {
    }

    /** Up to {@code size} members after {@code after} (null: from the start). */
    public List<Member> page(String typeKey, UUID after, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(AUDIENCE).setParameter(1, typeKey)
                .setParameter(2, after == null ? FIRST : after).setParameter(3, clock.instant()).setParameter(4, size)
                .getResultList();
        // Addresses are kept sealed; one that no longer opens (null) belongs to a person erased a moment ago.
        return rows.stream().map(r -> new Member((UUID) r[0],
                cipher.openReceived(r[0].toString(), SealedFields.EMAIL, (String) r[1]).orElse(null))).toList();
    }
}
