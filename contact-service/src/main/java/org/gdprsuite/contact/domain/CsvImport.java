package org.gdprsuite.contact.domain;

import java.io.Reader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.runtime.outbox.Outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Migration into compliance: existing contacts from a CSV file (see {@link CsvRows}), each with where the
 * data came from and, optionally, the legal basis to record for a purpose (sent to consent-service as a
 * consent.recorded event, source IMPORT). Every row is checked first; if any is bad, nothing is imported.
 */
@ApplicationScoped
public class CsvImport {

    @Inject
    Persons persons;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** The legal basis to record for every imported person (Art. 6(1) name such as CONTRACT). */
    public record Basis(String purpose, String legalBasis) {}

    /** Imports every row or none ({@link CsvRows.Rejected}); answers how many persons were created. */
    @Transactional
    public int run(Reader csv, String source, Basis basis, Set<String> roles, String actor) {
        List<ObjectNode> rows = CsvRows.parse(csv, row -> {
            try {
                persons.read(row, roles);
                return Map.of();
            } catch (InvalidFields e) {
                return e.errors();
            }
        });
        for (ObjectNode row : rows) {
            if (!row.has("source")) {
                row.put("source", source);
            }
            Person person = persons.create(row, roles, actor);
            if (basis != null) {
                ConsentRecorded recorded = new ConsentRecorded(
                        person.id,
                        basis.purpose(),
                        "GRANTED",
                        basis.legalBasis(),
                        clock.instant(),
                        "IMPORT",
                        "csv-import",
                        null,
                        null);
                outbox.append(
                        CloudEvent.of("contact-service", EventType.CONSENT_RECORDED, person.id.toString(), recorded),
                        Topics.CONSENT_INBOUND);
            }
        }
        return rows.size();
    }
}
