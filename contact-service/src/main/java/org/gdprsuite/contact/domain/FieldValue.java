package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gdprsuite.runtime.web.StorableText;

import com.fasterxml.jackson.databind.JsonNode;

/** The kind of value a catalogued field holds, and how it is read from JSON or CSV text (never echoing it in errors). */
public enum FieldValue {
    NAME(200, null),
    TEXT(300, null),
    LONG_TEXT(2000, null),
    EMAIL(320, Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")),
    PHONE(50, Pattern.compile("^\\+?[0-9 ()./-]{3,50}$")),
    POSTAL_CODE(20, Pattern.compile("^[A-Za-z0-9 -]{2,20}$")),
    COUNTRY(2, Pattern.compile("^[A-Z]{2}$")),
    NATIONAL_ID(50, Pattern.compile("^[A-Za-z0-9 ./-]{4,50}$")),
    IBAN(50, Pattern.compile("^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,40}$")),
    DATE(10, null),
    INSTANT(40, null),
    CATEGORY(20, null),
    REFERENCE(36, null),
    MAP(0, null);

    private static final Pattern CUSTOM_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]{0,49}$");

    private final int maxLength;
    private final Pattern pattern;

    FieldValue(int maxLength, Pattern pattern) {
        this.maxLength = maxLength;
        this.pattern = pattern;
    }

    /** An invalid value: the message says what is expected, never what was given. */
    public static class InvalidValue extends RuntimeException {
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    /** The Java value of {@code node} (JSON null clears the field). */
    public Object read(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (this == MAP) {
            if (!node.isObject() || node.size() > 50) {
                throw new InvalidValue("must be an object of at most 50 text fields");
            }
            Map<String, String> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!CUSTOM_KEY.matcher(e.getKey()).matches()
                        || !e.getValue().isTextual()
                        || e.getValue().asText().length() > 1000
                        || !StorableText.isStorable(e.getValue().asText())) {
                    throw new InvalidValue(
                            "custom fields need simple names and text values of at most 1000 characters");
                }
                map.put(e.getKey(), e.getValue().asText());
            });
            return map;
        }
        if (!node.isTextual()) {
            throw new InvalidValue("must be text");
        }
        return parse(node.asText());
    }

    /** The Java value of a text (CSV cell, JSON string); blank means none. */
    public Object parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (!StorableText.isStorable(text)) {
            throw new InvalidValue("holds a NUL character or a lone surrogate");
        }
        if (text.length() > maxLength && maxLength > 0) {
            throw new InvalidValue("must be at most " + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            throw new InvalidValue("is not a valid " + name().toLowerCase().replace('_', ' '));
        }
        try {
            return switch (this) {
                case EMAIL -> text.toLowerCase();
                case DATE -> LocalDate.parse(text);
                case INSTANT -> Instant.parse(text);
                case CATEGORY -> Person.Category.valueOf(text.toUpperCase());
                case REFERENCE -> UUID.fromString(text);
                default -> text;
            };
        } catch (DateTimeParseException e) {
            throw new InvalidValue(this == DATE ? "must be a date such as 1980-04-30" : "must be an ISO-8601 instant");
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(
                    this == CATEGORY ? "must be one of customer, prospect, partner, supplier" : "must be a UUID");
        }
    }
}
