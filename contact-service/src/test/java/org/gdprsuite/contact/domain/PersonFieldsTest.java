package org.gdprsuite.contact.domain;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.gdprsuite.runtime.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A request's person fields checked through the catalogue, all problems at once, rights before values. */
@Tag("unit")
class PersonFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Predicate<UUID> NO_ORGANISATION = id -> false;

    @Test
    void knownValidFieldsAreRead() {
        UUID organisation = UUID.randomUUID();
        Map<PersonField, Object> values =
                PersonFields.read(json("""
                {"firstName": "Ada", "email": "ADA@example.org", "jobTitle": null, "organisationId": "%s"}
                """.formatted(organisation)), Set.of(Roles.SALES), organisation::equals);
        assertEquals("Ada", values.get(PersonField.FIRST_NAME));
        assertEquals("ada@example.org", values.get(PersonField.EMAIL));
        assertEquals(organisation, values.get(PersonField.ORGANISATION));
        assertEquals(true, values.containsKey(PersonField.JOB_TITLE));
    }

    @Test
    void everyUnknownOrInvalidFieldIsReportedTogether() {
        InvalidFields refused = assertThrows(
                InvalidFields.class,
                () -> PersonFields.read(json("""
                {"favouriteColour": "blue", "email": "not-an-address", "firstName": "Fine",
                 "organisationId": "%s"}
                """.formatted(UUID.randomUUID())), Set.of(Roles.SALES), NO_ORGANISATION));
        assertEquals(
                Map.of(
                        "favouriteColour",
                        PersonFields.UNKNOWN,
                        "email",
                        "is not a valid email",
                        "organisationId",
                        "no such organisation"),
                refused.errors());
    }

    @Test
    void aFieldTheRoleMayNotSeeMayNotBeWritten() {
        FieldNotWritable refused = assertThrows(
                FieldNotWritable.class,
                () -> PersonFields.read(
                        json("{\"firstName\": \"Ada\", \"healthNotes\": \"none\"}"),
                        Set.of(Roles.FINANCE),
                        NO_ORGANISATION));
        assertEquals("Your role may not write SPECIAL_CATEGORY fields.", refused.getMessage());
        assertEquals(
                Map.of(PersonField.NATIONAL_ID, "AB-123456"),
                PersonFields.read(json("{\"nationalId\": \"AB-123456\"}"), Set.of(Roles.FINANCE), NO_ORGANISATION));
    }

    @Test
    void theBodyMustBeAnObject() {
        assertEquals(
                Map.of("body", "must be a JSON object of person fields"),
                assertThrows(
                                InvalidFields.class,
                                () -> PersonFields.read(json("[1, 2]"), Set.of(Roles.SALES), NO_ORGANISATION))
                        .errors());
        assertThrows(InvalidFields.class, () -> PersonFields.read(null, Set.of(Roles.SALES), NO_ORGANISATION));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
