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

    /** A data row: its number (1 = the first after the header), its line in the file, its fields and problems. */
    public record Row(int number, long line, ObjectNode fields, List<RowError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Every row of {@code csv}; {@code check} reads a row as person fields and answers field → reason for each
     * invalid one (none: fine). Throws {@link Rejected} listing every problem if any row is bad.
     */
    public static List<ObjectNode> parse(Reader csv, Function<ObjectNode, Map<String, String>> check) {
        List<Row> rows = rows(csv, check);
        if (rows.size() > MAX_ROWS) {
            throw new Rejected(
                    List.of(new RowError(rows.get(MAX_ROWS).line(), null, "at most " + MAX_ROWS + " rows per import")));
        }
        List<RowError> errors =
                rows.stream().flatMap(row -> row.errors().stream()).toList();
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        return rows.stream().map(Row::fields).toList();
    }

    /**
     * Every row of {@code csv}, each with its own problems (from {@code check}, as in {@link #parse}); only a
     * header naming no person field or a file that is not CSV is {@link Rejected} as a whole.
     */
    public static List<Row> rows(Reader csv, Function<ObjectNode, Map<String, String>> check) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(csv)) {
            List<RowError> header = new ArrayList<>();
            for (String column : parser.getHeaderNames()) {
                if (PersonField.byJson(column).isEmpty()
                        || PersonField.byJson(column).get() == PersonField.CUSTOM_FIELDS) {
                    header.add(new RowError(1, column, PersonFields.UNKNOWN));
                }
            }
            if (!header.isEmpty()) {
                throw new Rejected(header);
            }
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                List<RowError> errors = new ArrayList<>();
                ObjectNode row = row(record, line, errors);
                if (row != null) {
                    check.apply(row).forEach((field, reason) -> errors.add(new RowError(line, field, reason)));
                }
                rows.add(new Row(rows.size() + 1, line, row, errors));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            throw new Rejected(List.of(new RowError(0, null, "not a valid CSV file with a header row")));
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
