package org.gdprsuite.demo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.demo.DemoData.Import;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.DemoLoader.step;
import static org.gdprsuite.demo.Gateway.DPO;
import static org.gdprsuite.demo.Gateway.SALES;
import static org.gdprsuite.demo.Gateway.encode;

/**
 * Organisations and persons in contact-service, and the ids it gave them: what every later step refers to.
 * Everything here is found by name or e-mail address first, so that a repeated run creates nothing twice.
 */
final class PersonImport {

    private final Gateway gateway;
    private final DemoData data;
    /** Persons that have activities already, from an earlier run that stopped half-way. */
    private final Set<UUID> withHistory = new HashSet<>();

    PersonImport(Gateway gateway, DemoData data) {
        this.gateway = gateway;
        this.data = data;
    }

    /** The ids of the demo organisations, created where missing (by name). */
    List<UUID> organisations() {
        step("organisations", data.organisations.size());
        return data.organisations.stream()
                .map(o -> existingOrganisation(o.name())
                        .orElseGet(() -> UUID.fromString(gateway.post(
                                        SALES,
                                        "/api/contacts/organisations",
                                        Map.of("name", o.name(), "website", o.website()))
                                .path("id")
                                .asText())))
                .toList();
    }

    /** The organisation of exactly this name, searched for by its name (the list itself is paged). */
    private Optional<UUID> existingOrganisation(String name) {
        for (JsonNode found : gateway.get(SALES, "/api/contacts/organisations?size=500&name=" + encode(name))
                .path("items")) {
            if (found.path("name").asText().equals(name)) {
                return Optional.of(UUID.fromString(found.path("id").asText()));
            }
        }
        return Optional.empty();
    }

    /** One CSV import job (all rows or none) by the DPO, who may write the sensitive fields; skipped if done before. */
    void importPersons(Import batch, List<UUID> organisations) {
        boolean done = personId(data.persons.get(batch.persons().get(0)).email()) != null;
        step(
                "persons imported from " + batch.source() + " (" + batch.legalBasis() + " for " + batch.purpose() + ")"
                        + (done ? ", by an earlier run" : ""),
                batch.persons().size());
        if (!done) {
            String job = gateway.send(
                            DPO,
                            "POST",
                            "/api/contacts/imports?mode=all-or-nothing&source=" + batch.source() + "&purpose="
                                    + batch.purpose() + "&legalBasis=" + batch.legalBasis(),
                            "text/csv",
                            data.csv(batch.persons(), organisations),
                            202)
                    .body()
                    .path("id")
                    .asText();
            awaitImport(job);
        }
    }

    /** An import is a job: followed at its URL until it is over; anything but COMPLETED fails the load. */
    private void awaitImport(String job) {
        for (int second = 0; second < 600; second++) {
            String state = gateway.get(DPO, "/api/contacts/imports/" + job)
                    .path("state")
                    .asText();
            if ("COMPLETED".equals(state)) {
                return;
            }
            if (!"QUEUED".equals(state) && !"RUNNING".equals(state)) {
                throw new IllegalStateException("import " + job + " ended " + state + "; see its rows");
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("import " + job + " did not finish in ten minutes");
    }

    /**
     * The ids the imports gave the demo persons (every demo person works for a demo organisation), and which of
     * them have activities already ({@link #hasHistory}).
     */
    List<UUID> personIds(List<UUID> organisations) {
        Map<String, UUID> byEmail = new HashMap<>();
        for (DemoData.Organisation organisation : data.organisations) {
            for (int page = 0; ; page++) {
                JsonNode result = gateway.get(
                        SALES,
                        "/api/contacts/persons?size=500&page=" + page + "&organisation=" + encode(organisation.name()));
                result.path("items").forEach(p -> {
                    UUID id = UUID.fromString(p.path("id").asText());
                    byEmail.put(p.path("email").asText(), id);
                    if (!p.path("lastActivityAt").isNull()) {
                        withHistory.add(id);
                    }
                });
                if ((page + 1) * 500L >= result.path("total").asLong()) {
                    break;
                }
            }
        }
        List<UUID> ids = data.persons.stream().map(p -> byEmail.get(p.email())).toList();
        long missing = ids.stream().filter(id -> id == null).count();
        if (missing > 0) {
            throw new IllegalStateException(missing + " demo persons were not found after the import");
        }
        return ids;
    }

    boolean hasHistory(UUID person) {
        return withHistory.contains(person);
    }

    /** The id of the person with this address; null if there is none. */
    UUID personId(String email) {
        JsonNode items = gateway.get(SALES, "/api/contacts/persons?size=1&email=" + encode(email))
                .path("items");
        return items.isEmpty() ? null : UUID.fromString(items.get(0).path("id").asText());
    }
}
