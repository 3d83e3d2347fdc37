package org.gdprsuite.contact.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sets or clears fields of every matching person (restricted and anonymized persons are left alone), a
 * transaction per batch so that a large base is not changed in one long transaction.
 */
@ApplicationScoped
public class BulkUpdates {

    static final int BATCH = 500;

    @Inject
    PersonStore store;

    @Inject
    Persons persons;

    /** {@code dryRun}: only counted; otherwise how many persons changed, in how many batches. */
    public record BulkResult(long matched, int updated, int batches, boolean dryRun) {}

    /** {@code set}: field → new value (null clears), read and checked as a person's fields are. */
    public BulkResult run(
            PersonStore.Selection selection, JsonNode set, boolean dryRun, Set<String> roles, String actor) {
        if (set == null || !set.isObject() || set.isEmpty()) {
            throw new InvalidFields(Map.of("set", "must name at least one field"));
        }
        Map<PersonField, Object> values = persons.read(set, roles);
        List<UUID> ids = store.idsMatching(selection);
        if (dryRun) {
            return new BulkResult(ids.size(), 0, 0, true);
        }
        int updated = 0;
        int batches = 0;
        for (int from = 0; from < ids.size(); from += BATCH) {
            updated += persons.updateAll(ids.subList(from, Math.min(ids.size(), from + BATCH)), values, actor);
            batches++;
        }
        return new BulkResult(ids.size(), updated, batches, false);
    }
}
