package org.gdprsuite.erasure.centre;

import java.util.List;
import java.util.Locale;

import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The centre's language follows the browser, and German has a word for every state, type and correctable field. */
@Tag("unit")
class CentreTextsTest {

    @Test
    void theFirstLanguageTheCentreSpeaksWinsEnglishOtherwise() {
        assertEquals(
                "de",
                CentreTexts.forLanguages(List.of(Locale.FRENCH, Locale.GERMANY, Locale.ENGLISH))
                        .lang());
        assertEquals("en", CentreTexts.forLanguages(List.of(Locale.FRENCH)).lang());
        assertEquals("en", CentreTexts.forLanguages(List.of()).lang());
    }

    @Test
    void everyStateAndTypeHasItsGermanWords() {
        CentreTexts en = CentreTexts.forLanguages(List.of(Locale.ENGLISH));
        CentreTexts de = CentreTexts.forLanguages(List.of(Locale.GERMAN));
        for (RequestStatus status : RequestStatus.values()) {
            assertNotEquals(en.status(status), de.status(status), status.name());
        }
        for (RequestType type : RequestType.values()) {
            assertNotEquals(en.type(type), de.type(type), type.name());
        }
        for (CentreCorrection.Field field : CentreCorrection.Field.values()) {
            assertNotEquals(en.field(field), de.field(field), field.name());
        }
    }
}
