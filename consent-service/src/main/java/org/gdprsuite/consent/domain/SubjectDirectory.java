package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.consent.domain.SubjectRef.Identity;
import org.gdprsuite.consent.domain.SubjectRef.SubjectProblem;
import org.gdprsuite.events.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Which subject a {@link SubjectRef} names (table {@code subject_identity}): a person contact-service announced,
 * found by the person id or by an address or external id it was announced or named with, or a pending subject (an
 * address or external id the suite does not know as a person yet) that holds consents until a person with its
 * address appears ({@link PendingSubjects#attach}). SQL of the identity index in one place.
 */
@ApplicationScoped
public class SubjectDirectory {

    /** A subject found by an identity: its id, and whether it is a pending subject rather than a person. */
    public record Found(UUID subjectId, boolean pending) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    IdentityIndex index;

    /**
     * The subject id records for {@code ref} are kept under: the person id if given (its being known is checked by
     * the ledger), else the one person with the address, else the subject of the external id, else a new pending
     * subject. {@link SubjectProblem}: the person id and an identity name different persons
     * ({@code subject-conflict}), or several persons share the address ({@code subject-ambiguous}). Runs in the
     * caller's transaction; an identity not indexed yet is added for the subject.
     */
    public UUID subjectForRecord(SubjectRef ref) {
        List<Identity> identities = ref.identities();
        List<String> hashes = identities.stream().map(index::hash).toList();
        // One writer per identity at a time: two first consents for one address make one pending subject.
        hashes.forEach(hash -> em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, hash)
                .getSingleResult());
        UUID subject = ref.personId();
        for (int i = 0; i < identities.size(); i++) {
            Optional<Found> found = find(hashes.get(i), identities.get(i).kind());
            if (found.isEmpty()) {
                continue;
            }
            if (subject == null) {
                subject = found.get().subjectId();
            } else if (!subject.equals(found.get().subjectId()) && !found.get().pending()) {
                throw new SubjectProblem("subject-conflict", "the identities given name different persons");
            }
        }
        boolean pending = false;
        if (subject == null) {
            subject = newPendingSubject();
            pending = true;
        } else if (ref.personId() == null) {
            pending = isPending(subject);
        }
        for (int i = 0; i < identities.size(); i++) {
            index(hashes.get(i), subject, identities.get(i).kind(), pending);
        }
        return subject;
    }

    /**
     * The subjects decisions about {@code refs} (normalised, named by an address or an external id) are about, in
     * their order: one query for all. {@link SubjectProblem} {@code subject-ambiguous} when persons share one.
     */
    public List<Optional<Found>> subjectsForDecision(List<SubjectRef> refs) {
        List<String> hashes =
                refs.stream().map(ref -> index.hash(ref.identities().get(0))).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT identity_hash, subject_id, pending FROM subject_identity
                        WHERE identity_hash = ANY(?1) ORDER BY identity_hash, pending
                        """)
                .setParameter(1, hashes.stream().distinct().toArray(String[]::new))
                .getResultList();
        java.util.Map<String, List<Found>> byHash = new java.util.HashMap<>();
        rows.forEach(row -> byHash.computeIfAbsent((String) row[0], h -> new ArrayList<>())
                .add(new Found((UUID) row[1], (Boolean) row[2])));
        List<Optional<Found>> found = new ArrayList<>();
        for (String hash : hashes) {
            List<Found> subjects = byHash.getOrDefault(hash, List.of());
            if (subjects.size() > 1 && !subjects.get(1).pending()) {
                throw new SubjectProblem("subject-ambiguous", "several persons share this identity; name the person");
            }
            found.add(subjects.stream().findFirst());
        }
        return found;
    }

    /** The pending subjects (not attached yet) named by any of {@code emails}; malformed ones name no one. */
    public List<UUID> pendingByEmails(List<String> emails) {
        List<String> hashes = new ArrayList<>();
        for (String email : emails) {
            try {
                hashes.add(index.hash(SubjectRef.emailIdentity(email)));
            } catch (SubjectProblem malformed) {
                // an address given to a DSR that no consent could have named
            }
        }
        if (hashes.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(
                        "SELECT DISTINCT subject_id FROM subject_identity WHERE pending AND identity_hash = ANY(?1)",
                        UUID.class)
                .setParameter(1, hashes.toArray(String[]::new))
                .getResultList();
    }

    /**
     * A person was announced with {@code email} (empty: none, or it could not be opened): it replaces the address
     * indexed for them. Returns the pending subjects of that address, to attach to the person.
     */
    List<UUID> announced(UUID personId, Optional<String> email) {
        em.createNativeQuery("DELETE FROM subject_identity WHERE subject_id = ?1 AND kind = 'EMAIL'")
                .setParameter(1, personId)
                .executeUpdate();
        if (email.isEmpty()) {
            return List.of();
        }
        String hash;
        try {
            hash = index.hash(SubjectRef.emailIdentity(email.get()));
        } catch (SubjectProblem malformed) {
            return List.of(); // contact-service's address, not one consents could name
        }
        index(hash, personId, SubjectRef.Kind.EMAIL, false);
        return em.createNativeQuery(
                        "SELECT subject_id FROM subject_identity WHERE pending AND identity_hash = ?1", UUID.class)
                .setParameter(1, hash)
                .getResultList();
    }

    /** The identities of attached pending subjects name the person from now on. */
    void moveTo(UUID personId, List<UUID> pendingSubjects) {
        em.createNativeQuery("""
                INSERT INTO subject_identity (identity_hash, subject_id, kind, pending)
                SELECT identity_hash, CAST(?1 AS uuid), kind, false FROM subject_identity WHERE subject_id = ANY(?2)
                ON CONFLICT DO NOTHING
                """)
                .setParameter(1, personId)
                .setParameter(2, pendingSubjects.toArray(UUID[]::new))
                .executeUpdate();
        forget(pendingSubjects);
    }

    /** Erased subjects: no address or external id finds them any more. */
    public void forget(List<UUID> subjectIds) {
        em.createNativeQuery("DELETE FROM subject_identity WHERE subject_id = ANY(?1)")
                .setParameter(1, subjectIds.toArray(UUID[]::new))
                .executeUpdate();
    }

    private Optional<Found> find(String hash, SubjectRef.Kind kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT subject_id, pending FROM subject_identity WHERE identity_hash = ?1
                        ORDER BY pending LIMIT 2
                        """).setParameter(1, hash).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.size() > 1 && !(Boolean) rows.get(1)[1]) {
            throw new SubjectProblem(
                    "subject-ambiguous",
                    "several persons share this " + kind.name().toLowerCase() + "; name the person");
        }
        return Optional.of(new Found((UUID) rows.get(0)[0], (Boolean) rows.get(0)[1]));
    }

    private boolean isPending(UUID subject) {
        return !em.createNativeQuery("SELECT 1 FROM pending_subject WHERE id = ?1 AND attached_to IS NULL")
                .setParameter(1, subject)
                .getResultList()
                .isEmpty();
    }

    private UUID newPendingSubject() {
        UUID id = Ids.timeOrdered();
        em.createNativeQuery("INSERT INTO pending_subject (id, created_at) VALUES (?1, ?2)")
                .setParameter(1, id)
                .setParameter(2, clock.instant())
                .executeUpdate();
        em.createNativeQuery(
                        "INSERT INTO subject_state (person_id, known, pending, updated_at) VALUES (?1, true, true, ?2)")
                .setParameter(1, id)
                .setParameter(2, clock.instant())
                .executeUpdate();
        return id;
    }

    private void index(String hash, UUID subject, SubjectRef.Kind kind, boolean pending) {
        em.createNativeQuery("""
                INSERT INTO subject_identity (identity_hash, subject_id, kind, pending) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO NOTHING
                """)
                .setParameter(1, hash)
                .setParameter(2, subject)
                .setParameter(3, kind.name())
                .setParameter(4, pending)
                .executeUpdate();
    }
}
