package org.gdprsuite.contact.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.runtime.outbox.Outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Migration into compliance: existing contacts from a CSV file (header = catalogue field names), each
 * with where the data came from and, optionally, the legal basis to record for a purpose (sent to
 * consent-service as a consent.recorded event, source IMPORT). Every row is checked first; if any is
 * bad, nothing is imported and every bad row is reported with its line and reason.
 */
@ApplicationScoped
public class CsvImport {

    public static final int MAX_ROWS = 50_000;
    private static final String FORMULA_START = "=@\t\r";

    @Inject
    Persons persons;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** The legal basis to record for every imported person (Art. 6(1) name such as CONTRACT). */
    public record Basis(String purpose, String legalBasis) {
    }

    public record RowError(long line, String field, String reason) {
    }

    public static class Rejected extends RuntimeException {
        private final transient List<RowError> errors;

        public Rejected(List<RowError> errors) {
            super("import rejected", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    @Transactional
    public int run(Reader csv, String source, Basis basis, Set<String> roles, String actor) {
        List<ObjectNode> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get().parse(csv)) {
            for (String column : parser.getHeaderNames()) {
                if (PersonField.byJson(column).isEmpty() || PersonField.byJson(column).get() == PersonField.CUSTOM_FIELDS) {
                    errors.add(new RowError(1, column, "is not a field of a person (see /api/contacts/classification)"));
                }
            }
            if (!errors.isEmpty()) {
                throw new Rejected(errors);
            }
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_ROWS) {
                    throw new Rejected(List.of(new RowError(record.getRecordNumber() + 1, null,
                            "at most " + MAX_ROWS + " rows per import")));
                }
                long line = parser.getCurrentLineNumber();
                ObjectNode row = row(record, line, errors);
                if (row == null) {
                    continue;
                }
                try {
                    persons.read(row, roles);
                    rows.add(row);
                } catch (InvalidFields e) {
                    e.errors().forEach((field, reason) -> errors.add(new RowError(line, field, reason)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new Rejected(List.of(new RowError(0, null, "not a valid CSV file with a header row")));
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        for (ObjectNode row : rows) {
            if (!row.has("source")) {
                row.put("source", source);
            }
            Person person = persons.create(row, roles, actor);
            if (basis != null) {
                ConsentRecorded recorded = new ConsentRecorded(person.id, basis.purpose(), "GRANTED", basis.legalBasis(),
                        clock.instant(), "IMPORT", "csv-import", null, null);
                outbox.append(CloudEvent.of("contact-service", EventType.CONSENT_RECORDED, person.id.toString(), recorded),
                        Topics.CONSENT_INBOUND);
            }
        }
        return rows.size();
    }

    /** A record as JSON fields; cells a spreadsheet would run as formulas are refused. */
    private static ObjectNode row(CSVRecord record, long line, List<RowError> errors) {
        if (!record.isConsistent()) {
            errors.add(new RowError(line, null, "has " + record.size() + " cells, the header has " + record.getParser().getHeaderNames().size()));
            return null;
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        Map<String, String> cells = new LinkedHashMap<>(record.toMap());
        boolean ok = true;
        for (Map.Entry<String, String> cell : cells.entrySet()) {
            String value = cell.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            if (FORMULA_START.indexOf(value.charAt(0)) >= 0) {
                errors.add(new RowError(line, cell.getKey(), "looks like a spreadsheet formula"));
                ok = false;
            }
            row.put(cell.getKey(), value);
        }
        return ok ? row : null;
    }
}
