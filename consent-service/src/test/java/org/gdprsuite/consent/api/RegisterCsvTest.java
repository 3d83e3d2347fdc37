package org.gdprsuite.consent.api;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV cells of the register: quoted when needed, never read as a formula by a spreadsheet. */
@Tag("unit")
class RegisterCsvTest {

    @Test
    void aCellIsQuotedWhenItHoldsASeparatorAQuoteOrALineBreak() {
        assertEquals("plain", RegisterCsv.cell("plain"));
        assertEquals("", RegisterCsv.cell(null));
        assertEquals("\"a, b\"", RegisterCsv.cell("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", RegisterCsv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", RegisterCsv.cell("two\nlines"));
    }

    @Test
    void aCellThatLooksLikeAFormulaIsPrefixed() {
        assertEquals("'=1+1", RegisterCsv.cell("=1+1"));
        assertEquals("'@SUM(A1)", RegisterCsv.cell("@SUM(A1)"));
        assertEquals("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"", RegisterCsv.cell("=HYPERLINK(\"x\",\"y\")"));
    }
}
