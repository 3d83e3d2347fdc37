package org.gdprsuite.erasure.centre;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.gdprsuite.runtime.web.StorableText;

/**
 * A correction a person asks for in the centre: one field of their contact details and its new value, plain text,
 * at most {@value #MAX_VALUE} characters, checked here before anything is stored.
 */
public record CentreCorrection(Field field, String value) {

    public static final int MAX_VALUE = 200;

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Something a browser would read as markup; the pages escape everything, but such input is refused. */
    static final Pattern MARKUP = Pattern.compile("<\\s*[a-zA-Z/!?]");

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()/.-]{3,40}");
    /** contact-service's rules for these two: a correction it would refuse is refused here, on the page. */
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9 -]{2,20}");

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    /** The contact details a person corrects from the centre (contact-service's names in {@link #key()}). */
    public enum Field {
        FIRST_NAME("firstName"),
        LAST_NAME("lastName"),
        EMAIL("email"),
        PHONE("phone"),
        STREET("street"),
        POSTAL_CODE("postalCode"),
        CITY("city"),
        COUNTRY("country");

        private final String key;

        Field(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** The field of contact-service's name {@code key}; empty for null or another name. */
        public static Optional<Field> ofKey(String key) {
            return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
        }
    }

    /** Why a correction is refused: the key of the centre's text that says so. */
    public enum Refusal {
        FIELD("error.field"),
        VALUE("error.value"),
        MARKUP("error.markup"),
        EMAIL("error.email"),
        PHONE("error.phone"),
        POSTAL_CODE("error.postalCode"),
        COUNTRY("error.country");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The refusal of a field and value as typed, or empty if they make a correction. */
    public static Optional<Refusal> check(String field, String value) {
        Optional<Field> known = fieldOf(field);
        if (known.isEmpty()) {
            return Optional.of(Refusal.FIELD);
        }
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()
                || text.length() > MAX_VALUE
                || !StorableText.isStorable(text)
                || CONTROL.matcher(text).find()) {
            return Optional.of(Refusal.VALUE);
        }
        if (MARKUP.matcher(text).find()) {
            return Optional.of(Refusal.MARKUP);
        }
        if (known.get() == Field.EMAIL && !EMAIL.matcher(text).matches()) {
            return Optional.of(Refusal.EMAIL);
        }
        if (known.get() == Field.PHONE && !PHONE.matcher(text).matches()) {
            return Optional.of(Refusal.PHONE);
        }
        if (known.get() == Field.POSTAL_CODE && !POSTAL_CODE.matcher(text).matches()) {
            return Optional.of(Refusal.POSTAL_CODE);
        }
        if (known.get() == Field.COUNTRY && !COUNTRY.matcher(text).matches()) {
            return Optional.of(Refusal.COUNTRY);
        }
        return Optional.empty();
    }

    /** The correction of a field and value {@link #check} accepted. */
    public static CentreCorrection of(String field, String value) {
        if (check(field, value).isPresent()) {
            throw new IllegalArgumentException("not a correction; check it first");
        }
        Field known = fieldOf(field).orElseThrow();
        String text = value.strip();
        return new CentreCorrection(known, known == Field.COUNTRY ? text.toUpperCase(Locale.ROOT) : text);
    }

    /** What staff read in the request: the field by contact-service's name and the new value. */
    public String details() {
        return "Correct " + field.key() + " to: " + value;
    }

    private static Optional<Field> fieldOf(String name) {
        return Arrays.stream(Field.values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
