package org.gdprsuite.consent.domain;

/**
 * How personal a category of data is: the classes of contact-service's field catalogue
 * ({@code GET /api/contacts/classification}, {@code PersonField.Classification}), by the same names, so that the
 * record of processing activities and the catalogue speak of the same classes.
 */
public enum DataClass {
    /** Ordinary personal data. */
    PERSONAL,
    /** Identity numbers, bank details, birth date. */
    SENSITIVE,
    /** Art. 9 special categories (health, ...). */
    SPECIAL_CATEGORY
}
