package org.gdprsuite.contact.domain;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.runtime.crypto.SubjectCipher;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Seals the sensitive values that were stored in plaintext before encryption at rest (migration V3 moved
 * them to {@code person_unsealed}), at start, in batches; several instances share the work.
 */
@ApplicationScoped
public class UnsealedValues {

    private static final int BATCH = 200;
    private static final List<PersonField> COLUMNS = List.of(
            PersonField.NATIONAL_ID, PersonField.BANK_ACCOUNT, PersonField.BIRTH_DATE, PersonField.HEALTH_NOTES);

    @Inject
    EntityManager em;

    @Inject
    SubjectCipher cipher;

    void onStart(@Observes StartupEvent start) {
        sealAll();
    }

    /** Seals every waiting value into its person row; returns how many persons were done. */
    public int sealAll() {
        int total = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::sealBatch);
            total += batch;
        } while (batch > 0);
        return total;
    }

    @SuppressWarnings("unchecked")
    private int sealBatch() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT person_id, national_id, bank_account, birth_date::text, health_notes FROM person_unsealed
                ORDER BY person_id LIMIT ?1 FOR UPDATE SKIP LOCKED
                """).setParameter(1, BATCH).getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            String[] sealed = new String[COLUMNS.size()];
            for (int i = 0; i < sealed.length; i++) {
                sealed[i] = row[i + 1] == null
                        ? null
                        : cipher.seal(id.toString(), COLUMNS.get(i).json(), row[i + 1].toString());
            }
            // Straight into the columns: sealing changes the storage, not the person (no new version).
            em.createNativeQuery("""
                    UPDATE person SET national_id = ?1, bank_account = ?2, birth_date = ?3, health_notes = ?4
                    WHERE id = ?5 AND anonymized_at IS NULL
                    """)
                    .setParameter(1, sealed[0])
                    .setParameter(2, sealed[1])
                    .setParameter(3, sealed[2])
                    .setParameter(4, sealed[3])
                    .setParameter(5, id)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM person_unsealed WHERE person_id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
        }
        return rows.size();
    }
}
