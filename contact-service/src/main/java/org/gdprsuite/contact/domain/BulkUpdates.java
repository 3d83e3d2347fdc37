package org.gdprsuite.contact.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.problem.DomainProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Sets or clears fields of every matching person (restricted and anonymized persons are left alone), a
 * transaction per batch so that a large base is not changed in one long transaction. Up to
 * {@code gdpr.contact.bulk-update-job-threshold} matches it is done in the request; beyond, it is a job that the
 * runner works through a committed batch at a time (resumed after a restart, never a batch twice).
 */
@ApplicationScoped
public class BulkUpdates {

    static final int BATCH = 500;
    private static final String SET_FIELD = "bulk-update-set";

    @Inject
    PersonStore store;

    @Inject
    Persons persons;

    @Inject
    ContactConfig config;

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** {@code dryRun}: only counted; otherwise how many persons changed, in how many batches. */
    public record BulkResult(long matched, int updated, int batches, boolean dryRun) {}

    /** Done in the request ({@code result}) or queued as the job {@code job}. */
    public record Outcome(BulkResult result, UUID job) {}

    public record View(
            UUID id,
            ImportJob.State state,
            PersonStore.Selection filter,
            int matched,
            int done,
            int updated,
            int batches,
            String createdBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {}

    /** {@code set}: field → new value (null clears), read and checked as a person's fields are. */
    public Outcome run(PersonStore.Selection selection, JsonNode set, boolean dryRun, Set<String> roles, String actor) {
        if (set == null || !set.isObject() || set.isEmpty()) {
            throw new InvalidFields(Map.of("set", "must name at least one field"));
        }
        Map<PersonField, Object> values = persons.read(set, roles);
        List<UUID> ids = store.idsMatching(selection);
        if (dryRun) {
            return new Outcome(new BulkResult(ids.size(), 0, 0, true), null);
        }
        if (ids.size() > config.bulkUpdateJobThreshold()) {
            return new Outcome(null, queue(selection, set, ids, roles, actor));
        }
        int updated = 0;
        int batches = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            updated += persons.updateAll(ids.subList(from, Math.min(ids.size(), from + BATCH)), values, actor);
            batches++;
        }
        return new Outcome(new BulkResult(ids.size(), updated, batches, false), null);
    }

    /** The job, with the persons matched now: a person matching later is not changed by it. */
    @Transactional
    UUID queue(PersonStore.Selection selection, JsonNode set, List<UUID> ids, Set<String> roles, String actor) {
        BulkUpdateJob job = new BulkUpdateJob();
        job.id = UUID.randomUUID();
        job.category = selection.category();
        job.owner = selection.owner();
        job.organisationId = selection.organisationId();
        job.setFields = cipher.seal(keySubject(job.id), SET_FIELD, set.toString());
        job.roles = String.join(",", new TreeSet<>(roles));
        job.state = ImportJob.State.QUEUED;
        job.matched = ids.size();
        job.createdBy = actor;
        job.createdAt = clock.instant();
        job.persist();
        em.flush();
        em.createNativeQuery("INSERT INTO bulk_update_target (job_id, position, person_id)"
                        + " SELECT ?1, t.position, t.person_id"
                        + " FROM unnest(CAST(?2 AS uuid[])) WITH ORDINALITY AS t(person_id, position)")
                .setParameter(1, job.id)
                .setParameter(2, ids.toArray(UUID[]::new))
                .executeUpdate();
        return job.id;
    }

    /** The jobs to work on, oldest first. */
    public List<UUID> active() {
        return BulkUpdateJob.<BulkUpdateJob>find(
                        "state in ?1 order by createdAt", List.of(ImportJob.State.QUEUED, ImportJob.State.RUNNING))
                .project(PersonStore.IdOnly.class)
                .list()
                .stream()
                .map(PersonStore.IdOnly::id)
                .toList();
    }

    /** Updates the job's next batch and moves its cursor, in one transaction; false when nothing is left. */
    @Transactional
    public boolean batch(UUID id) {
        BulkUpdateJob job = BulkUpdateJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state.over()) {
            return false;
        }
        if (job.state == ImportJob.State.QUEUED) {
            job.state = ImportJob.State.RUNNING;
            job.startedAt = clock.instant();
        }
        Map<PersonField, Object> values = persons.read(setFields(job), Set.copyOf(Arrays.asList(job.roles.split(","))));
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT person_id FROM bulk_update_target"
                        + " WHERE job_id = ?1 AND position > ?2 ORDER BY position LIMIT ?3")
                .setParameter(1, id)
                .setParameter(2, job.done)
                .setParameter(3, BATCH)
                .getResultList();
        job.updated += persons.updateAll(ids, values, job.createdBy);
        job.done += ids.size();
        job.batches++;
        job.chunkFailures = 0;
        if (ids.isEmpty() || job.done >= job.matched) {
            finish(job, ImportJob.State.COMPLETED);
            return false;
        }
        return true;
    }

    /** A batch that could not be written: tried again, the job FAILED after three in a row. */
    @Transactional
    public void batchFailed(UUID id) {
        BulkUpdateJob job = BulkUpdateJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && !job.state.over() && ++job.chunkFailures >= 3) {
            finish(job, ImportJob.State.FAILED);
        }
    }

    /** Stops the job after the batch in flight; the persons updated before stay updated. */
    @Transactional
    public View cancel(UUID id) {
        BulkUpdateJob job = BulkUpdateJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw notFound();
        }
        if (job.state.over()) {
            throw DomainProblem.conflict("bulk-update-finished", "The bulk update is " + job.state + " already.");
        }
        finish(job, ImportJob.State.CANCELLED);
        return view(job);
    }

    public View get(UUID id) {
        BulkUpdateJob job = BulkUpdateJob.findById(id);
        if (job == null) {
            throw notFound();
        }
        return view(job);
    }

    private JsonNode setFields(BulkUpdateJob job) {
        String set = cipher.open(keySubject(job.id), SET_FIELD, job.setFields).orElseThrow();
        try {
            return json.readTree(set);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bulk update's fields do not read back", e);
        }
    }

    private void finish(BulkUpdateJob job, ImportJob.State state) {
        job.state = state;
        job.finishedAt = clock.instant();
        job.setFields = null;
        keys.destroy(keySubject(job.id));
    }

    /** The data key the fields to set are sealed under: the job's own. */
    private static String keySubject(UUID job) {
        return "contact-bulk-update:" + job;
    }

    private static DomainProblem notFound() {
        return DomainProblem.notFound("bulk-update-not-found", "No such bulk update.");
    }

    private static View view(BulkUpdateJob job) {
        return new View(
                job.id,
                job.state,
                new PersonStore.Selection(job.category, job.owner, job.organisationId),
                job.matched,
                job.done,
                job.updated,
                job.batches,
                job.createdBy,
                job.createdAt,
                job.startedAt,
                job.finishedAt);
    }
}
