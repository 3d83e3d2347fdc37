package org.gdprsuite.contact.domain;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rows of an import file (header = catalogue field names) as JSON objects of person fields, each
 * checked; without a database, so the whole file is judged before anything is written. Every bad row is
 * reported with its line and reason (never its values).
 */
public final class CsvRows {

    public static final int MAX_ROWS = 50_000;
    private static final String FORMULA_START = "=@\t\r";

    private CsvRows() {}

    public record RowError(long line, String field, String reason) {}

    /** An import refused as a whole: nothing was imported. */
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

    /**
     * Every row of {@code csv}; {@code check} reads a row as person fields and answers field → reason for each
     * invalid one (none: fine). Throws {@link Rejected} listing every problem if any row is bad.
     */
    public static List<ObjectNode> parse(Reader csv, Function<ObjectNode, Map<String, String>> check) {
        List<ObjectNode> rows = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(csv)) {
            for (String column : parser.getHeaderNames()) {
                if (PersonField.byJson(column).isEmpty()
                        || PersonField.byJson(column).get() == PersonField.CUSTOM_FIELDS) {
                    errors.add(new RowError(1, column, PersonFields.UNKNOWN));
                }
            }
            if (!errors.isEmpty()) {
                throw new Rejected(errors);
            }
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_ROWS) {
                    throw new Rejected(List.of(new RowError(
                            record.getRecordNumber() + 1, null, "at most " + MAX_ROWS + " rows per import")));
                }
                long line = parser.getCurrentLineNumber();
                ObjectNode row = row(record, line, errors);
                if (row == null) {
                    continue;
                }
                Map<String, String> invalid = check.apply(row);
                if (invalid.isEmpty()) {
                    rows.add(row);
                } else {
                    invalid.forEach((field, reason) -> errors.add(new RowError(line, field, reason)));
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
        return rows;
    }

    /** A record as JSON fields; cells a spreadsheet would run as formulas are refused. */
    private static ObjectNode row(CSVRecord record, long line, List<RowError> errors) {
        if (!record.isConsistent()) {
            errors.add(new RowError(
                    line,
                    null,
                    "has " + record.size() + " cells, the header has "
                            + record.getParser().getHeaderNames().size()));
            return null;
        }
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        boolean ok = true;
        for (Map.Entry<String, String> cell : record.toMap().entrySet()) {
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
