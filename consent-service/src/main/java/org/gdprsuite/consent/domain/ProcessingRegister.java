package org.gdprsuite.consent.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.gdprsuite.consent.domain.RegisterEntries.Activity;
import org.gdprsuite.consent.domain.RegisterEntries.Controller;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The record of processing activities (Art. 30(1)): the controller record and one entry per purpose, each change a
 * new version (who, when, which fields). An entry is the purpose as the catalogue defines it (name, legal basis,
 * retention, data categories) with what the DPO adds; every purpose is in the register, described or not yet.
 * The one place that reads and writes {@code register_version}.
 */
@ApplicationScoped
public class ProcessingRegister {

    static final String CONTROLLER = "#controller";

    private static final String COLUMNS =
            "version, changed_by, changed_at, array_to_string(changed_fields, ','), CAST(document AS text)";

    /** A stored version: its number, who made it and when, the top-level fields it changed, and its document. */
    public record Version<T>(int version, String changedBy, Instant changedAt, List<String> changed, T document) {}

    /** The register's entry for a purpose: the catalogue's facts with the DPO's description (version 0: none yet). */
    public record Entry(
            String purpose,
            String name,
            String description,
            LegalBasis legalBasis,
            String legalBasisArticle,
            String retentionPeriod,
            List<String> catalogueDataCategories,
            Activity activity,
            int version,
            String changedBy,
            Instant changedAt,
            List<RecipientRegister.Summary> registeredRecipients) {}

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    Purposes purposes;

    @Inject
    RecipientRegister recipients;

    public Optional<Version<Controller>> controller() {
        return latest(CONTROLLER).map(v -> as(v, Controller.class));
    }

    @Transactional
    public Version<Controller> controller(Controller controller, String by) {
        return as(append(CONTROLLER, controller, by), Controller.class);
    }

    /** The entry of a purpose of the catalogue ({@code purpose-not-found} if it is not one). */
    public Entry entry(String purposeKey) {
        Purpose purpose = purposes.get(purposeKey);
        return entry(purpose, latest(purposeKey).map(v -> as(v, Activity.class)), recipientsOf(List.of(purposeKey)));
    }

    @Transactional
    public Entry describe(String purposeKey, Activity activity, String by) {
        Purpose purpose = purposes.get(purposeKey);
        return entry(
                purpose,
                Optional.of(as(append(purposeKey, activity, by), Activity.class)),
                recipientsOf(List.of(purposeKey)));
    }

    /** Every purpose's entry, by key: the register as it stands (the catalogue is a short list). */
    public List<Entry> entries() {
        Map<String, Version<JsonNode>> described = latestOfAll();
        List<Purpose> catalogue = purposes.list();
        Map<String, List<RecipientRegister.Summary>> received =
                recipientsOf(catalogue.stream().map(p -> p.key).toList());
        return catalogue.stream()
                .map(p -> entry(p, Optional.ofNullable(described.get(p.key)).map(v -> as(v, Activity.class)), received))
                .toList();
    }

    /** The versions of a purpose's entry (or of the controller record), newest first, a page at a time. */
    public Results<Version<JsonNode>> versions(String key, int page, int size) {
        if (!CONTROLLER.equals(key)) {
            purposes.get(key);
        }
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM register_version WHERE entry_key = ?1")
                        .setParameter(1, key)
                        .getSingleResult())
                .longValue();
        List<Version<JsonNode>> items = rows(em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM register_version WHERE entry_key = ?1 ORDER BY version DESC OFFSET ?2 LIMIT ?3")
                .setParameter(1, key)
                .setParameter(2, Results.offset(page, size))
                .setParameter(3, size)
                .getResultList());
        return new Results<>(items, page, size, total);
    }

    public Results<Version<JsonNode>> controllerVersions(int page, int size) {
        return versions(CONTROLLER, page, size);
    }

    /** The registered recipients (Art. 28 register) of each of {@code keys}: one query for the whole register. */
    private Map<String, List<RecipientRegister.Summary>> recipientsOf(List<String> keys) {
        Map<String, List<RecipientRegister.Summary>> of = new java.util.HashMap<>();
        for (RecipientRegister.Stored r : recipients.ofPurposes(keys)) {
            r.recipient()
                    .purposes()
                    .forEach(key ->
                            of.computeIfAbsent(key, k -> new ArrayList<>()).add(RecipientRegister.summary(r)));
        }
        return of;
    }

    private Entry entry(
            Purpose p, Optional<Version<Activity>> described, Map<String, List<RecipientRegister.Summary>> received) {
        LegalBasis basis = p.consentRequired ? LegalBasis.CONSENT : p.defaultLegalBasis;
        return new Entry(
                p.key,
                p.name,
                p.description,
                basis,
                basis == null ? null : basis.article(),
                p.retentionPeriod,
                p.dataCategories,
                described.map(Version::document).orElse(Activity.empty()),
                described.map(Version::version).orElse(0),
                described.map(Version::changedBy).orElse(null),
                described.map(Version::changedAt).orElse(null),
                received.getOrDefault(p.key, List.of()));
    }

    /** A new version of {@code key}; versions of one key are numbered one after the other (serialized per key). */
    private Version<JsonNode> append(String key, Object document, String by) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "register:" + key)
                .getSingleResult();
        Optional<Version<JsonNode>> previous = latest(key);
        JsonNode next = json.valueToTree(document);
        List<String> changed = changedFields(previous.map(Version::document).orElse(null), next);
        int version = previous.map(Version::version).orElse(0) + 1;
        Instant at = clock.instant();
        em.createNativeQuery("INSERT INTO register_version (entry_key, version, document, changed_fields, changed_by,"
                        + " changed_at) VALUES (?1, ?2, CAST(?3 AS jsonb), CAST(?4 AS text[]), ?5, ?6)")
                .setParameter(1, key)
                .setParameter(2, version)
                .setParameter(3, write(next))
                .setParameter(4, "{" + String.join(",", changed) + "}")
                .setParameter(5, by)
                .setParameter(6, Timestamp.from(at))
                .executeUpdate();
        return new Version<>(version, by, at, changed, next);
    }

    /** The top-level fields whose value differs from the previous version (all set ones for a first version). */
    static List<String> changedFields(JsonNode before, JsonNode after) {
        TreeSet<String> names = new TreeSet<>();
        after.fieldNames().forEachRemaining(names::add);
        if (before != null) {
            before.fieldNames().forEachRemaining(names::add);
        }
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode was = before == null ? null : before.get(name);
            JsonNode is = after.get(name);
            boolean wasEmpty = was == null || was.isNull() || (was.isContainerNode() && was.isEmpty());
            boolean isEmpty = is == null || is.isNull() || (is.isContainerNode() && is.isEmpty());
            if (!(wasEmpty && isEmpty) && (was == null || !was.equals(is))) {
                changed.add(name);
            }
        }
        return changed;
    }

    private Optional<Version<JsonNode>> latest(String key) {
        return rows(em.createNativeQuery("SELECT " + COLUMNS
                                + " FROM register_version WHERE entry_key = ?1 ORDER BY version DESC LIMIT 1")
                        .setParameter(1, key)
                        .getResultList())
                .stream()
                .findFirst();
    }

    /** The newest version of every purpose's entry, by purpose key. */
    @SuppressWarnings("unchecked")
    private Map<String, Version<JsonNode>> latestOfAll() {
        List<Object[]> result = em.createNativeQuery("SELECT DISTINCT ON (entry_key) " + COLUMNS
                        + ", entry_key FROM register_version WHERE entry_key <> ?1 ORDER BY entry_key, version DESC")
                .setParameter(1, CONTROLLER)
                .getResultList();
        return result.stream().collect(Collectors.toMap(row -> (String) row[5], this::version));
    }

    @SuppressWarnings("unchecked")
    private List<Version<JsonNode>> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(this::version).toList();
    }

    private Version<JsonNode> version(Object[] row) {
        String changed = (String) row[3];
        return new Version<>(
                ((Number) row[0]).intValue(),
                (String) row[1],
                instant(row[2]),
                changed.isEmpty() ? List.of() : List.of(changed.split(",")),
                read((String) row[4]));
    }

    /** A timestamptz column of a native query, as Hibernate hands it over. */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private <T> Version<T> as(Version<JsonNode> v, Class<T> type) {
        try {
            return new Version<>(
                    v.version(), v.changedBy(), v.changedAt(), v.changed(), json.treeToValue(v.document(), type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored register version does not read back", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
