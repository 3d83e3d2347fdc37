package org.gdprsuite.erasure.centre;

import java.util.Optional;

import org.gdprsuite.erasure.centre.CentreCorrection.Field;
import org.gdprsuite.erasure.centre.CentreCorrection.Refusal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the centre accepts as a correction: a known field and a plain, short value of the right form. */
@Tag("unit")
class CentreCorrectionTest {

    @Test
    void aKnownFieldAndAPlainValueMakeACorrectionStaffCanRead() {
        assertEquals(Optional.empty(), CentreCorrection.check("CITY", "  Köln "));
        CentreCorrection correction = CentreCorrection.of("CITY", "  Köln ");
        assertEquals(new CentreCorrection(Field.CITY, "Köln"), correction);
        assertEquals("Correct city to: Köln", correction.details());
        assertEquals(Optional.empty(), CentreCorrection.check("EMAIL", "new@example.org"));
        assertEquals(Optional.empty(), CentreCorrection.check("PHONE", "+49 (221) 123-45"));
        assertEquals(Optional.empty(), CentreCorrection.check("LAST_NAME", "O'Brien-Müller"));
        // contact-service keeps a country as its upper-case ISO code.
        assertEquals(new CentreCorrection(Field.COUNTRY, "DE"), CentreCorrection.of("COUNTRY", "de"));
    }

    @Test
    void everythingElseIsRefusedWithItsReason() {
        assertEquals(Optional.of(Refusal.FIELD), CentreCorrection.check("nationalId", "x"));
        assertEquals(Optional.of(Refusal.FIELD), CentreCorrection.check(null, "x"));
        assertEquals(Optional.of(Refusal.VALUE), CentreCorrection.check("CITY", "   "));
        assertEquals(Optional.of(Refusal.VALUE), CentreCorrection.check("CITY", null));
        assertEquals(Optional.of(Refusal.VALUE), CentreCorrection.check("CITY", "x".repeat(201)));
        assertEquals(Optional.of(Refusal.VALUE), CentreCorrection.check("CITY", "Bonn\u0000"));
        assertEquals(Optional.of(Refusal.VALUE), CentreCorrection.check("CITY", "Bonn\nKöln"));
        assertEquals(Optional.of(Refusal.MARKUP), CentreCorrection.check("FIRST_NAME", "<script>alert(1)</script>"));
        assertEquals(Optional.of(Refusal.EMAIL), CentreCorrection.check("EMAIL", "not-an-address"));
        assertEquals(Optional.of(Refusal.PHONE), CentreCorrection.check("PHONE", "call me"));
        assertEquals(Optional.of(Refusal.POSTAL_CODE), CentreCorrection.check("POSTAL_CODE", "5066#7"));
        assertEquals(Optional.of(Refusal.COUNTRY), CentreCorrection.check("COUNTRY", "Germany"));
        assertThrows(IllegalArgumentException.class, () -> CentreCorrection.of("CITY", ""));
    }
}
