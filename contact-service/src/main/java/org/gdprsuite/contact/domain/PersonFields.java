package org.gdprsuite.contact.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a JSON object of person fields through the catalogue, without a database: unknown or invalid
 * fields are refused all together (each with what it expects), a field the caller may not see may not be
 * written either.
 */
public final class PersonFields {

    public static final String UNKNOWN = "is not a field of a person (see /api/contacts/classification)";

    private PersonFields() {}

    /**
     * Field → Java value (null clears); throws {@link InvalidFields} or {@link FieldNotWritable}.
     * {@code organisationExists} checks an organisation id given (the one lookup, done by the caller's store).
     */
    public static Map<PersonField, Object> read(
            JsonNode fields, Set<String> roles, Predicate<UUID> organisationExists) {
        if (fields == null || !fields.isObject()) {
            throw new InvalidFields(Map.of("body", "must be a JSON object of person fields"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<PersonField, Object> values = new LinkedHashMap<>();
        fields.fields().forEachRemaining(entry -> {
            PersonField field = PersonField.byJson(entry.getKey()).orElse(null);
            if (field == null) {
                errors.put(entry.getKey(), UNKNOWN);
                return;
            }
            if (!field.visibleTo(roles)) {
                throw new FieldNotWritable(field.classification());
            }
            try {
                values.put(field, field.value().read(entry.getValue()));
            } catch (FieldValue.InvalidValue e) {
                errors.put(entry.getKey(), e.getMessage());
            }
        });
        UUID organisation = (UUID) values.get(PersonField.ORGANISATION);
        if (organisation != null && !organisationExists.test(organisation)) {
            errors.put(PersonField.ORGANISATION.json(), "no such organisation");
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return values;
    }
}
