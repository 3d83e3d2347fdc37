package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading field values from JSON and CSV text: the value's kind decides, an error never quotes the value. */
@Tag("unit")
class FieldValueTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void valuesAreReadToTheirJavaTypes() {
        assertEquals("ada@example.org", FieldValue.EMAIL.parse("  Ada@Example.org "));
        assertEquals(LocalDate.of(1815, 12, 10), FieldValue.DATE.parse("1815-12-10"));
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), FieldValue.INSTANT.parse("2026-03-01T10:00:00Z"));
        assertEquals(Person.Category.PARTNER, FieldValue.CATEGORY.parse("partner"));
        UUID id = UUID.randomUUID();
        assertEquals(id, FieldValue.REFERENCE.parse(id.toString()));
        assertEquals("+44 20 7946 0000", FieldValue.PHONE.parse("+44 20 7946 0000"));
        assertNull(FieldValue.NAME.parse("   "));
        assertNull(FieldValue.NAME.read(JSON.nullNode()));
    }

    @Test
    void invalidValuesSayWhatIsExpectedWithoutTheValue() {
        assertRefused(FieldValue.EMAIL, "not-an-address", "is not a valid email");
        assertRefused(FieldValue.COUNTRY, "gb", "is not a valid country");
        assertRefused(FieldValue.IBAN, "DE89 secret", "is not a valid iban");
        assertRefused(FieldValue.NAME, "x".repeat(201), "must be at most 200 characters");
        assertRefused(FieldValue.DATE, "10/12/1815", "must be a date such as 1980-04-30");
        assertRefused(FieldValue.INSTANT, "yesterday", "must be an ISO-8601 instant");
        assertRefused(FieldValue.CATEGORY, "enemy", "must be one of customer, prospect, partner, supplier");
        assertRefused(FieldValue.REFERENCE, "org-42", "must be a UUID");
        assertRefused(FieldValue.NAME, "a\u0000b", "holds a NUL character or a lone surrogate");
    }

    @Test
    void jsonValuesMustBeTextAndCustomFieldsSimpleText() {
        assertEquals(
                "must be text",
                assertThrows(FieldValue.InvalidValue.class, () -> FieldValue.EMAIL.read(JSON.numberNode(42)))
                        .getMessage());
        assertEquals(
                Map.of("shoeSize", "42"), FieldValue.MAP.read(JSON.objectNode().put("shoeSize", "42")));
        assertThrows(
                FieldValue.InvalidValue.class,
                () -> FieldValue.MAP.read(JSON.objectNode().put("shoe size", "42")));
        assertThrows(
                FieldValue.InvalidValue.class,
                () -> FieldValue.MAP.read(JSON.objectNode().put("shoeSize", 42)));
        assertThrows(FieldValue.InvalidValue.class, () -> FieldValue.MAP.read(JSON.textNode("42")));
    }

    private static void assertRefused(FieldValue kind, String value, String message) {
        FieldValue.InvalidValue refused = assertThrows(FieldValue.InvalidValue.class, () -> kind.parse(value));
        assertEquals(message, refused.getMessage());
        assertFalse(refused.getMessage().contains(value));
    }
}
