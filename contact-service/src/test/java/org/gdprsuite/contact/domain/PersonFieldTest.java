package org.gdprsuite.contact.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.contact.domain.PersonField.Classification;
import org.gdprsuite.contact.domain.PersonField.Masking;
import org.gdprsuite.runtime.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue's rules without a database: who sees a field, what erasure leaves of it. */
@Tag("unit")
class PersonFieldTest {

    private static final String KEY = "pseudonym-test-key";

    @Test
    void personalFieldsAreForEveryStaffRoleSensitiveForFinanceAndTheDpoSpecialForTheDpoOnly() {
        for (String role : Set.of(Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN)) {
            assertTrue(PersonField.EMAIL.visibleTo(Set.of(role)), role);
        }
        assertTrue(PersonField.BANK_ACCOUNT.visibleTo(Set.of(Roles.FINANCE)));
        assertTrue(PersonField.NATIONAL_ID.visibleTo(Set.of(Roles.DPO)));
        assertFalse(PersonField.BIRTH_DATE.visibleTo(Set.of(Roles.SALES, Roles.ADMIN)));
        assertTrue(PersonField.HEALTH_NOTES.visibleTo(Set.of(Roles.DPO)));
        assertFalse(PersonField.HEALTH_NOTES.visibleTo(Set.of(Roles.FINANCE, Roles.ADMIN)));
        assertFalse(PersonField.FIRST_NAME.visibleTo(Set.of(Roles.INTEGRATION)));
        assertFalse(PersonField.FIRST_NAME.visibleTo(Set.of()));
    }

    @Test
    void exactlyTheSensitiveAndSpecialCategoryFieldsAreSealedAndErasedToNothing() {
        for (PersonField field : PersonField.values()) {
            assertEquals(field.classification() != Classification.PERSONAL, field.sealed(), field.json());
            if (field.sealed()) {
                assertEquals(Masking.NULL, field.masking(), field.json());
            }
        }
        assertEquals(
                4,
                Arrays.stream(PersonField.values()).filter(PersonField::sealed).count());
    }

    @Test
    void fieldsAreFoundByTheirJsonName() {
        assertEquals(Optional.of(PersonField.ORGANISATION), PersonField.byJson("organisationId"));
        assertEquals(Optional.empty(), PersonField.byJson("organisation"));
        assertEquals(Optional.empty(), PersonField.byJson("FIRST_NAME"));
    }

    @Test
    void erasureMasksEveryFieldAsTheCatalogueSays() {
        Person person = person(UUID.randomUUID());
        for (PersonField field : PersonField.values()) {
            field.mask(person, KEY);
        }
        assertEquals(PersonField.ANONYMIZED, person.firstName);
        assertTrue(person.lastName.matches("pseudonym-[0-9a-f]{16}"), person.lastName);
        assertEquals("anonymized@example.org", person.email);
        assertNull(person.phone);
        assertNull(person.street);
        assertNull(person.city);
        assertNull(person.organisationId);
        assertNull(person.jobTitle);
        assertNull(person.customFields);
        assertEquals("GB", person.country);
        assertEquals(Person.Category.CUSTOMER, person.category);
        assertEquals("alice", person.owner);
        assertEquals("legacy-crm", person.source);
    }

    @Test
    void aPseudonymIsStablePerPersonAndKeyAndTellsNothingOfTheName() {
        UUID id = UUID.randomUUID();
        assertEquals(masked(id, KEY), masked(id, KEY));
        assertNotEquals(masked(id, KEY), masked(UUID.randomUUID(), KEY));
        assertNotEquals(masked(id, KEY), masked(id, "another-key"));
        assertFalse(masked(id, KEY).toLowerCase().contains("lovelace"));
    }

    @Test
    void anEmailWithoutAnAddressStaysWithout() {
        Person person = person(UUID.randomUUID());
        person.email = null;
        PersonField.EMAIL.mask(person, KEY);
        assertNull(person.email);
    }

    private static String masked(UUID id, String key) {
        Person person = person(id);
        PersonField.LAST_NAME.mask(person, key);
        return person.lastName;
    }

    /** A person with every personal field set and no sealed value (sealing needs the key store). */
    static Person person(UUID id) {
        Person person = new Person();
        person.id = id;
        person.firstName = "Ada";
        person.lastName = "Lovelace";
        person.email = "ada@example.org";
        person.phone = "+44 20 7946 0000";
        person.street = "12 St James's Square";
        person.postalCode = "SW1Y 4JH";
        person.city = "London";
        person.country = "GB";
        person.organisationId = UUID.randomUUID();
        person.jobTitle = "Analyst";
        person.category = Person.Category.CUSTOMER;
        person.owner = "alice";
        person.customFields = Map.of("shoeSize", "38");
        person.source = "legacy-crm";
        return person;
    }
}
