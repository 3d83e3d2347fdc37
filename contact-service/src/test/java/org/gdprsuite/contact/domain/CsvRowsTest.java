package org.gdprsuite.contact.domain;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.contact.domain.CsvRows.RowError;
import org.gdprsuite.runtime.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** An import file judged whole before anything is written: every bad line with its reason, never its values. */
@Tag("unit")
class CsvRowsTest {

    @Test
    void goodRowsBecomePersonFieldsAndEmptyCellsAreLeftOut() {
        List<ObjectNode> rows = parse("firstName,lastName,email,phone\n"
                + "Ann,Good,ann@example.org,+44 20 7946 0000\n"
                + "\n"
                + " Ben , Fine ,ben@example.org,\n");
        assertEquals(2, rows.size());
        assertEquals("Ann", rows.get(0).get("firstName").asText());
        assertEquals("Ben", rows.get(1).get("firstName").asText());
        assertEquals(false, rows.get(1).has("phone"));
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndField() {
        CsvRows.Rejected rejected = assertThrows(
                CsvRows.Rejected.class,
                () -> parse("firstName,lastName,email\n"
                        + "Ann,Good,ann@example.org\n"
                        + "Bad,Mail,not-an-email\n"
                        + "Evil,=cmd|' /C calc'!A0,evil@example.org\n"
                        + "Short,Row\n"
                        + "At,@SUM(1+1),at@example.org\n"));
        assertEquals(
                List.of(
                        new RowError(3, "email", "is not a valid email"),
                        new RowError(4, "lastName", "looks like a spreadsheet formula"),
                        new RowError(5, null, "has 2 cells, the header has 3"),
                        new RowError(6, "lastName", "looks like a spreadsheet formula")),
                rejected.errors());
    }

    @Test
    void unknownColumnsAndCustomFieldsAreRefusedAtTheHeader() {
        CsvRows.Rejected rejected =
                assertThrows(CsvRows.Rejected.class, () -> parse("firstName,shoeSize,customFields\nAnn,42,x\n"));
        assertEquals(
                List.of(
                        new RowError(1, "shoeSize", PersonFields.UNKNOWN),
                        new RowError(1, "customFields", PersonFields.UNKNOWN)),
                rejected.errors());
    }

    @Test
    void aFileThatIsNoCsvIsRefusedAndAnEmptyOneImportsNothing() {
        assertEquals(
                List.of(new RowError(0, null, "not a valid CSV file with a header row")),
                assertThrows(CsvRows.Rejected.class, () -> parse("firstName,lastName\n\"Ann,Good\n"))
                        .errors());
        assertEquals(List.of(), parse(""));
    }

    @Test
    void atMostMaxRowsAreImportedAtOnce() {
        StringBuilder csv = new StringBuilder("firstName\n");
        for (int i = 0; i <= CsvRows.MAX_ROWS; i++) {
            csv.append("P").append(i).append('\n');
        }
        List<RowError> errors = assertThrows(CsvRows.Rejected.class, () -> parse(csv.toString()))
                .errors();
        assertEquals(1, errors.size());
        assertEquals("at most 50000 rows per import", errors.get(0).reason());
    }

    @Test
    void fieldsTheRoleMayNotWriteStopTheImport() {
        assertThrows(
                FieldNotWritable.class,
                () -> CsvRows.parse(
                        new StringReader("firstName,bankAccount\n" + "Ann,DE89370400440532013000\n"),
                        row -> check(row, Set.of(Roles.SALES))));
    }

    private static List<ObjectNode> parse(String csv) {
        return CsvRows.parse(new StringReader(csv), row -> check(row, Set.of(Roles.DPO)));
    }

    /** As the import checks a row: through the catalogue (no organisation exists here). */
    private static Map<String, String> check(ObjectNode row, Set<String> roles) {
        try {
            PersonFields.read(row, roles, id -> false);
            return Map.of();
        } catch (InvalidFields e) {
            return e.errors();
        }
    }
}
