package org.gdprsuite.contact.domain;

import java.io.StringReader;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.db.ArrayColumns;
import org.gdprsuite.runtime.outbox.Outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Migration into compliance, the work of an import job: existing contacts from a CSV file (see {@link CsvRows}),
 * each with where the data came from and, optionally, the legal basis to record for a purpose (sent to
 * consent-service as a consent.recorded event, source IMPORT, for every person created). Rows are written a chunk
 * per transaction together with their outcomes and the job's cursor: a resumed job never writes a row twice.
 */
@ApplicationScoped
public class CsvImport {

    @Inject
    Persons persons;

    @Inject
    PersonStore store;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    SubjectCipher cipher;

    @Inject
    ImportJobs jobs;

    @Inject
    DataSource dataSource;

    /** The legal basis to record for every imported person (Art. 6(1) name such as CONTRACT). */
    public record Basis(String purpose, String legalBasis) {}

    /** What a chunk did: rows per outcome, and whether rows are left. */
    public record Chunk(Map<String, Integer> outcomes, boolean more) {}

    private record Outcome(CsvRows.Row row, String outcome, String reason, UUID personId) {}

    /** The imports to work on, oldest first. */
    public List<UUID> active() {
        return ImportJob.<ImportJob>find(
                        "state in ?1 order by createdAt", List.of(ImportJob.State.QUEUED, ImportJob.State.RUNNING))
                .project(PersonStore.IdOnly.class)
                .list()
                .stream()
                .map(PersonStore.IdOnly::id)
                .toList();
    }

    /**
     * The rows of a job's upload, each checked with its requester's rights; a queued job starts (RUNNING) or, all
     * or nothing with a bad row, ends REJECTED with the bad rows reported and nothing written. Null: nothing to do.
     */
    @Transactional
    public List<CsvRows.Row> start(UUID id) {
        ImportJob job = ImportJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state.over()) {
            return null;
        }
        String csv = job.upload == null
                ? null
                : cipher.open(ImportJobs.keySubject(id), ImportJobs.UPLOAD_FIELD, job.upload)
                        .orElse(null);
        if (csv == null) { // cannot happen while the job runs; never loop on it
            jobs.finish(job, ImportJob.State.FAILED);
            return null;
        }
        Set<String> roles = roles(job);
        List<CsvRows.Row> rows = CsvRows.rows(new StringReader(csv), row -> check(row, roles));
        if (job.state == ImportJob.State.QUEUED) {
            List<CsvRows.Row> bad = rows.stream().filter(row -> !row.ok()).toList();
            if (job.mode == ImportJob.Mode.ALL_OR_NOTHING && !bad.isEmpty()) {
                record(id, bad.stream().map(CsvImport::failed).toList());
                job.failed = bad.size();
                jobs.finish(job, ImportJob.State.REJECTED);
                return null;
            }
            job.state = ImportJob.State.RUNNING;
            job.startedAt = clock.instant();
        }
        return rows;
    }

    /** Writes the next chunk of the job's rows (after its cursor) with their outcomes, and moves the cursor. */
    @Transactional
    public Chunk chunk(UUID id, List<CsvRows.Row> rows, int size) {
        ImportJob job = ImportJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.state != ImportJob.State.RUNNING) {
            return new Chunk(Map.of(), false);
        }
        store.batchWrites(200);
        List<CsvRows.Row> chunk =
                rows.subList(Math.min(job.rowsDone, rows.size()), Math.min(rows.size(), job.rowsDone + size));
        Map<String, List<Person>> existing = store
                .liveByEmails(chunk.stream()
                        .map(CsvImport::email)
                        .filter(e -> e != null)
                        .collect(Collectors.toSet()))
                .stream()
                .collect(Collectors.groupingBy(p -> p.email.strip().toLowerCase()));
        Set<String> roles = roles(job);
        List<Outcome> outcomes = new ArrayList<>(chunk.size());
        for (CsvRows.Row row : chunk) {
            outcomes.add(row.ok() ? write(job, row, roles, existing) : failed(row));
        }
        record(id, outcomes);
        Map<String, Integer> counts =
                outcomes.stream().collect(Collectors.toMap(Outcome::outcome, o -> 1, Integer::sum));
        job.rowsDone += chunk.size();
        job.created += counts.getOrDefault("CREATED", 0);
        job.merged += counts.getOrDefault("MERGED", 0);
        job.skipped += counts.getOrDefault("SKIPPED", 0);
        job.failed += counts.getOrDefault("FAILED", 0);
        job.chunkFailures = 0;
        boolean more = job.rowsDone < rows.size();
        if (!more) {
            jobs.finish(job, ImportJob.State.COMPLETED);
        }
        return new Chunk(counts, more);
    }

    /** A chunk that could not be written (database trouble): tried again, the job FAILED after three in a row. */
    @Transactional
    public void chunkFailed(UUID id) {
        ImportJob job = ImportJob.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && !job.state.over() && ++job.chunkFailures >= 3) {
            jobs.finish(job, ImportJob.State.FAILED);
        }
    }

    private Outcome write(ImportJob job, CsvRows.Row row, Set<String> roles, Map<String, List<Person>> existing) {
        ObjectNode fields = row.fields();
        String email = email(row);
        List<Person> same = email == null ? List.of() : existing.getOrDefault(email, List.of());
        if (!same.isEmpty()) {
            Person person = same.get(0);
            if (job.duplicates == ImportJob.Duplicates.SKIP) {
                return new Outcome(row, "SKIPPED", "duplicate: a person has this email", person.id);
            } else if (same.size() > 1) {
                return new Outcome(row, "SKIPPED", "duplicate: several persons have this email", null);
            } else if (person.restricted) {
                return new Outcome(row, "SKIPPED", "duplicate: the person's processing is restricted", person.id);
            }
            fields.remove("email"); // the same address (perhaps in other case): the person's spelling stays
            boolean changed = persons.merge(person, fields, roles, job.createdBy);
            return new Outcome(row, "MERGED", changed ? null : "nothing to change", person.id);
        }
        if (!fields.has("source")) {
            fields.put("source", job.source);
        }
        Person person = persons.create(fields, roles, job.createdBy);
        if (job.purpose != null) {
            ConsentRecorded recorded = new ConsentRecorded(
                    person.id,
                    job.purpose,
                    "GRANTED",
                    job.legalBasis,
                    clock.instant(),
                    "IMPORT",
                    "csv-import",
                    null,
                    null);
            outbox.append(
                    CloudEvent.of("contact-service", EventType.CONSENT_RECORDED, person.id.toString(), recorded),
                    Topics.CONSENT_INBOUND);
        }
        if (email != null) {
            existing.put(email, List.of(person)); // a later row of the file with this address is its duplicate
        }
        return new Outcome(row, "CREATED", null, person.id);
    }

    /** The row's problems by field and reason, never its values. */
    private static Outcome failed(CsvRows.Row row) {
        String reason = row.errors().stream()
                .map(e -> e.field() == null ? e.reason() : e.field() + ": " + e.reason())
                .collect(Collectors.joining("; "));
        return new Outcome(row, "FAILED", reason.length() > 1000 ? reason.substring(0, 1000) : reason, null);
    }

    private void record(UUID job, List<Outcome> outcomes) {
        List<Function<Outcome, Object>> columns = List.of(
                o -> job,
                o -> o.row().number(),
                o -> o.row().line(),
                Outcome::outcome,
                Outcome::reason,
                Outcome::personId);
        try {
            ArrayColumns.executeUpdate(
                    dataSource,
                    "INSERT INTO import_row (job_id, row_number, line, outcome, reason, person_id)"
                            + " SELECT * FROM unnest(?::uuid[], ?::int[], ?::bigint[], ?::varchar[], ?::varchar[], ?::uuid[])",
                    outcomes,
                    columns);
        } catch (SQLException e) {
            throw new IllegalStateException("the outcomes of an import chunk were not written", e);
        }
    }

    private Map<String, String> check(ObjectNode row, Set<String> roles) {
        try {
            persons.read(row, roles);
            return Map.of();
        } catch (InvalidFields e) {
            return e.errors();
        } catch (FieldNotWritable e) {
            return Map.of("row", e.getMessage());
        }
    }

    private static String email(CsvRows.Row row) {
        if (row.fields() == null || !row.fields().hasNonNull("email")) {
            return null;
        }
        String email = row.fields().get("email").asText().strip().toLowerCase();
        return email.isEmpty() ? null : email;
    }

    private static Set<String> roles(ImportJob job) {
        return Set.copyOf(Arrays.asList(job.roles.split(",")));
    }
}
