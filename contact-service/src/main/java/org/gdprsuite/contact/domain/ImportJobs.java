package org.gdprsuite.contact.domain;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * CSV imports as jobs, as their requester sees them: an upload checked as a whole (size, header, rights) and
 * queued at once, idempotent by the caller's key; progress and per-row outcomes; cancellation. The upload is
 * kept sealed under the job's own data key until the job is over, then the key is destroyed.
 */
@ApplicationScoped
public class ImportJobs {

    static final String UPLOAD_FIELD = "import-upload";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    @Inject
    ContactConfig config;

    /** What was uploaded and how to import it; {@code idempotencyKey} may be null. */
    public record Upload(
            String csv,
            String source,
            CsvImport.Basis basis,
            ImportJob.Mode mode,
            ImportJob.Duplicates duplicates,
            String idempotencyKey) {}

    /** The job of an upload; {@code replayed}: an earlier upload with the same key and content made it. */
    public record Submitted(UUID id, boolean replayed) {}

    public record Progress(int total, int done, int created, int merged, int skipped, int failed) {}

    public record View(
            UUID id,
            ImportJob.State state,
            ImportJob.Mode mode,
            ImportJob.Duplicates duplicates,
            String source,
            String purpose,
            String legalBasis,
            String createdBy,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Progress progress) {}

    /** One row's outcome: CREATED, MERGED, SKIPPED or FAILED, why (never its values), the person concerned. */
    public record RowResult(int row, long line, String outcome, String reason, UUID personId) {}

    /**
     * Queues the upload as a job, or answers the job an earlier upload with the same key made; the same key with
     * other content is refused (422). A file that is not CSV or names no person field is {@link CsvRows.Rejected},
     * one over the limits {@link UploadTooLarge}, a column the caller may not write {@link FieldNotWritable}.
     */
    @Transactional
    public Submitted submit(Upload upload, Set<String> roles, String by) {
        if (upload.csv().getBytes(StandardCharsets.UTF_8).length > config.importMaxBytes()) {
            throw new UploadTooLarge("An upload has at most " + config.importMaxBytes() + " bytes.");
        }
        String hash = hash(upload);
        if (upload.idempotencyKey() != null) {
            ImportJob earlier = byKey(by, upload.idempotencyKey());
            if (earlier != null) {
                return replay(earlier, hash);
            }
        }
        List<CsvRows.Row> rows = CsvRows.rows(new StringReader(upload.csv()), row -> writable(row, roles));
        if (rows.size() > CsvRows.MAX_ROWS) {
            throw new UploadTooLarge("An import has at most " + CsvRows.MAX_ROWS + " rows.");
        }
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("""
                        INSERT INTO import_job (id, idempotency_key, request_hash, mode, duplicates, source, purpose,
                            legal_basis, roles, upload, state, rows_total, created_by, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'QUEUED', ?11, ?12, ?13)
                        ON CONFLICT (created_by, idempotency_key) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, upload.idempotencyKey())
                .setParameter(3, hash)
                .setParameter(4, upload.mode().name())
                .setParameter(5, upload.duplicates().name())
                .setParameter(6, upload.source())
                .setParameter(7, upload.basis() == null ? null : upload.basis().purpose())
                .setParameter(8, upload.basis() == null ? null : upload.basis().legalBasis())
                .setParameter(9, String.join(",", new TreeSet<>(roles)))
                .setParameter(10, cipher.seal(keySubject(id), UPLOAD_FIELD, upload.csv()))
                .setParameter(11, rows.size())
                .setParameter(12, by)
                .setParameter(13, clock.instant())
                .executeUpdate();
        if (inserted == 0) { // the same key raced in: the first upload's job stands
            keys.destroy(keySubject(id));
            return replay(byKey(by, upload.idempotencyKey()), hash);
        }
        return new Submitted(id, false);
    }

    public View get(UUID id) {
        return view(find(id));
    }

    /** The imports, newest first. */
    public Results<View> list(int page, int size) {
        Results<ImportJob> jobs = Pages.of(
                ImportJob.<ImportJob>findAll(
                        Sort.by("createdAt", Sort.Direction.Descending).and("id")),
                page,
                size);
        return new Results<>(jobs.items().stream().map(ImportJobs::view).toList(), page, size, jobs.total());
    }

    /** A page of the rows handled, in row order, optionally of one outcome. */
    public Results<RowResult> rows(UUID id, String outcome, int page, int size) {
        find(id);
        String where = " FROM import_row WHERE job_id = ?1 AND (CAST(?2 AS varchar) IS NULL OR outcome = ?2)";
        long total = ((Number) em.createNativeQuery("SELECT count(*)" + where)
                        .setParameter(1, id)
                        .setParameter(2, outcome)
                        .getSingleResult())
                .longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("SELECT row_number, line, outcome, reason, person_id" + where
                        + " ORDER BY row_number LIMIT ?3 OFFSET ?4")
                .setParameter(1, id)
                .setParameter(2, outcome)
                .setParameter(3, size)
                .setParameter(4, Results.offset(page, size))
                .getResultList();
        List<RowResult> items = found.stream()
                .map(r -> new RowResult(
                        ((Number) r[0]).intValue(), ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (UUID)
                                r[4]))
                .toList();
        return new Results<>(items, page, size, total);
    }

    /** Stops the job after the chunk in flight; the rows committed before stay imported. */
    @Transactional
    public View cancel(UUID id) {
        ImportJob job = ImportJob.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw notFound();
        }
        if (job.state.over()) {
            throw DomainProblem.conflict("import-finished", "The import is " + job.state + " already.");
        }
        finish(job, ImportJob.State.CANCELLED);
        return view(job);
    }

    /** Ends the job: its upload is dropped and its key destroyed, so no copy of the file opens again. */
    void finish(ImportJob job, ImportJob.State state) {
        job.state = state;
        job.finishedAt = clock.instant();
        job.upload = null;
        keys.destroy(keySubject(job.id));
    }

    /** The data key the upload is sealed under: the job's own, never a person's. */
    static String keySubject(UUID job) {
        return "contact-import:" + job;
    }

    private ImportJob find(UUID id) {
        ImportJob job = ImportJob.findById(id);
        if (job == null) {
            throw notFound();
        }
        return job;
    }

    private static DomainProblem notFound() {
        return DomainProblem.notFound("import-not-found", "No such import.");
    }

    private ImportJob byKey(String by, String key) {
        return ImportJob.find("createdBy = ?1 and idempotencyKey = ?2", by, key).firstResult();
    }

    private static Submitted replay(ImportJob earlier, String hash) {
        if (!earlier.requestHash.equals(hash)) {
            throw DomainProblem.unprocessable(
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for another upload; use a new key for a new import.");
        }
        return new Submitted(earlier.id, true);
    }

    /** At upload, a non-empty cell in a column the caller may not write refuses the file (as before, 403). */
    private static Map<String, String> writable(com.fasterxml.jackson.databind.JsonNode row, Set<String> roles) {
        row.fieldNames()
                .forEachRemaining(name -> PersonField.byJson(name)
                        .filter(field -> !field.visibleTo(roles))
                        .ifPresent(field -> {
                            throw new FieldNotWritable(field.classification());
                        }));
        return Map.of();
    }

    /** What identifies an upload: its content and every option, hashed (the key's replay must match it). */
    private static String hash(Upload upload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                upload.mode().name(),
                upload.duplicates().name(),
                upload.source(),
                upload.basis() == null
                        ? ""
                        : upload.basis().purpose() + "/" + upload.basis().legalBasis(),
                upload.csv()
            }) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static View view(ImportJob job) {
        return new View(
                job.id,
                job.state,
                job.mode,
                job.duplicates,
                job.source,
                job.purpose,
                job.legalBasis,
                job.createdBy,
                job.createdAt,
                job.startedAt,
                job.finishedAt,
                new Progress(job.rowsTotal, job.rowsDone, job.created, job.merged, job.skipped, job.failed));
    }
}
