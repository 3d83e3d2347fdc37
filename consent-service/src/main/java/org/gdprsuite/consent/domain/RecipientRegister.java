package org.gdprsuite.consent.domain;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.consent.domain.RecipientEntry.Role;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The register of recipients and processors (Art. 28, 30(1)(d)), kept like the record of processing activities:
 * every change a new version (who, when, which fields), a removal a last version marked removed. Each recipient's
 * webhook signing key is made here, sealed under the recipient's own data key in the suite's key store and shown
 * only once; removing the recipient destroys it. The one place that reads and writes {@code recipient_version} and
 * {@code recipient_secret}.
 */
@ApplicationScoped
public class RecipientRegister {

    private static final String SECRET_FIELD = "webhook-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String COLUMNS = "recipient_id, version, removed, changed_by, changed_at,"
            + " array_to_string(changed_fields, ','), CAST(document AS text),"
            + " EXISTS (SELECT 1 FROM recipient_secret s WHERE s.recipient_id = v.recipient_id)";
    /** The newest version of every recipient (removed ones too). */
    private static final String LATEST =
            "SELECT DISTINCT ON (recipient_id) * FROM recipient_version" + " ORDER BY recipient_id, version DESC";

    /** A stored version of a recipient; {@code signed}: it has a signing key for its webhook calls. */
    public record Stored(
            UUID id,
            int version,
            boolean removed,
            String changedBy,
            Instant changedAt,
            List<String> changed,
            RecipientEntry recipient,
            boolean signed) {}

    /** A recipient just made, with the key its webhook calls are signed with (the only time it is shown). */
    public record Created(Stored recipient, String webhookSecret) {}

    /** What the record of processing activities shows of a recipient under each purpose. */
    public record Summary(UUID id, String name, Role role, String country, String dpaReference, LocalDate dpaDate) {}

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Purposes purposes;

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    @Transactional
    public Created create(RecipientEntry entry, String by) {
        check(entry);
        UUID id = UUID.randomUUID();
        Stored stored = append(id, null, entry, false, by);
        return new Created(stored, newSecret(id));
    }

    /** A new version of a registered recipient. */
    @Transactional
    public Stored update(UUID id, RecipientEntry entry, String by) {
        check(entry);
        Stored current = lockCurrent(id);
        return append(id, current, entry, false, by);
    }

    /** The recipient leaves the register (its versions stay); its signing key is destroyed. */
    @Transactional
    public Stored remove(UUID id, String by) {
        Stored current = lockCurrent(id);
        em.createNativeQuery("DELETE FROM recipient_secret WHERE recipient_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        keys.destroy(subject(id));
        return append(id, current, current.recipient(), true, by);
    }

    /** A new signing key (the old one stops working at once), shown this once. */
    @Transactional
    public String rotateSecret(UUID id) {
        lockCurrent(id);
        em.createNativeQuery("DELETE FROM recipient_secret WHERE recipient_id = ?1")
                .setParameter(1, id)
                .executeUpdate();
        return newSecret(id);
    }

    /** The signing key in clear, for a webhook call only. */
    public Optional<String> secret(UUID id) {
        List<?> sealed = em.createNativeQuery("SELECT sealed FROM recipient_secret WHERE recipient_id = ?1")
                .setParameter(1, id)
                .getResultList();
        return sealed.isEmpty() ? Optional.empty() : cipher.open(subject(id), SECRET_FIELD, (String) sealed.get(0));
    }

    /** The recipient as it stands ({@code recipient-not-found} if it never was or was removed). */
    public Stored get(UUID id) {
        return current(id)
                .filter(s -> !s.removed())
                .orElseThrow(() -> DomainProblem.notFound("recipient-not-found", "No such recipient."));
    }

    /** The registered recipients by name, a page at a time; with {@code purpose}, those receiving data for it. */
    public Results<Stored> list(String purpose, int page, int size) {
        String where = " FROM (" + LATEST + ") v WHERE NOT v.removed"
                + (purpose == null ? "" : " AND jsonb_exists(v.document -> 'purposes', :purpose)");
        var count = em.createNativeQuery("SELECT count(*)" + where);
        var rows = em.createNativeQuery("SELECT " + COLUMNS + where
                        + " ORDER BY v.document ->> 'name', v.recipient_id OFFSET :offset LIMIT :limit")
                .setParameter("offset", Results.offset(page, size))
                .setParameter("limit", size);
        if (purpose != null) {
            count.setParameter("purpose", purpose);
            rows.setParameter("purpose", purpose);
        }
        return new Results<>(rows(rows.getResultList()), page, size, ((Number) count.getSingleResult()).longValue());
    }

    /** The registered recipients receiving data for any of {@code purposeKeys} (a short list: the register's). */
    public List<Stored> ofPurposes(Collection<String> purposeKeys) {
        if (purposeKeys.isEmpty()) {
            return List.of();
        }
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM (" + LATEST + ") v WHERE NOT v.removed"
                        + " AND jsonb_exists_any(v.document -> 'purposes', CAST(?1 AS text[]))"
                        + " ORDER BY v.document ->> 'name'")
                .setParameter(1, purposeKeys.toArray(String[]::new))
                .getResultList());
    }

    /** Every registered recipient (for the record of processing activities: the register is a short list). */
    public List<Stored> all() {
        return rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM (" + LATEST + ") v WHERE NOT v.removed"
                        + " ORDER BY v.document ->> 'name'")
                .getResultList());
    }

    public Results<Stored> versions(UUID id, int page, int size) {
        current(id).orElseThrow(() -> DomainProblem.notFound("recipient-not-found", "No such recipient."));
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM recipient_version WHERE recipient_id = ?1")
                        .setParameter(1, id)
                        .getSingleResult())
                .longValue();
        return new Results<>(
                rows(em.createNativeQuery("SELECT " + COLUMNS + " FROM recipient_version v WHERE recipient_id = ?1"
                                + " ORDER BY version DESC OFFSET ?2 LIMIT ?3")
                        .setParameter(1, id)
                        .setParameter(2, Results.offset(page, size))
                        .setParameter(3, size)
                        .getResultList()),
                page,
                size,
                total);
    }

    public static Summary summary(Stored s) {
        RecipientEntry r = s.recipient();
        return new Summary(s.id(), r.name(), r.role(), r.country(), r.dpaReference(), r.dpaDate());
    }

    /** Art. 28(3): a processor works under a contract; every purpose named must be in the catalogue. */
    private void check(RecipientEntry entry) {
        if (entry.role() == Role.PROCESSOR
                && (entry.dpaReference() == null || entry.dpaReference().isBlank())) {
            throw DomainProblem.unprocessable(
                    "dpa-required", "A processor is registered with its data processing agreement (Art. 28(3)).");
        }
        for (String key : entry.purposes()) {
            if (purposes.find(key).isEmpty()) {
                throw DomainProblem.unprocessable(
                        "unknown-purpose", "The purpose " + key + " is not in the catalogue.");
            }
        }
    }

    private Stored lockCurrent(UUID id) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, subject(id))
                .getSingleResult();
        return get(id);
    }

    private Optional<Stored> current(UUID id) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS
                                + " FROM recipient_version v WHERE recipient_id = ?1 ORDER BY version DESC LIMIT 1")
                        .setParameter(1, id)
                        .getResultList())
                .stream()
                .findFirst();
    }

    private Stored append(UUID id, Stored previous, RecipientEntry entry, boolean removed, String by) {
        JsonNode next = json.valueToTree(entry);
        List<String> changed = ProcessingRegister.changedFields(
                previous == null ? null : json.valueToTree(previous.recipient()), next);
        if (removed) {
            changed = List.of("removed");
        }
        int version = previous == null ? 1 : previous.version() + 1;
        Instant at = clock.instant();
        em.createNativeQuery("INSERT INTO recipient_version (recipient_id, version, document, removed, changed_fields,"
                        + " changed_by, changed_at) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, CAST(?5 AS text[]), ?6, ?7)")
                .setParameter(1, id)
                .setParameter(2, version)
                .setParameter(3, next.toString())
                .setParameter(4, removed)
                .setParameter(5, "{" + String.join(",", changed) + "}")
                .setParameter(6, by)
                .setParameter(7, Timestamp.from(at))
                .executeUpdate();
        boolean signed = !removed && (previous == null || previous.signed());
        return new Stored(id, version, removed, by, at, changed, entry, signed);
    }

    private String newSecret(UUID id) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        em.createNativeQuery("INSERT INTO recipient_secret (recipient_id, sealed, created_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, cipher.seal(subject(id), SECRET_FIELD, secret))
                .setParameter(3, Timestamp.from(clock.instant()))
                .executeUpdate();
        return secret;
    }

    /** The recipient's subject in the key store (not a person: no person id is a "recipient:" string). */
    private static String subject(UUID id) {
        return "recipient:" + id;
    }

    @SuppressWarnings("unchecked")
    private List<Stored> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(this::stored).toList();
    }

    private Stored stored(Object[] row) {
        String changed = (String) row[5];
        try {
            return new Stored(
                    (UUID) row[0],
                    ((Number) row[1]).intValue(),
                    (Boolean) row[2],
                    (String) row[3],
                    ProcessingRegister.instant(row[4]),
                    changed.isEmpty() ? List.of() : List.of(changed.split(",")),
                    json.readValue((String) row[6], RecipientEntry.class),
                    (Boolean) row[7]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored recipient version does not read back", e);
        }
    }
}
