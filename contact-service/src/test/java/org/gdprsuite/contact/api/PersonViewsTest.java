package org.gdprsuite.contact.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.runtime.security.Roles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A person as each role sees it: the catalogue decides which fields are shown. */
@Tag("unit")
class PersonViewsTest {

    private static final List<String> SENSITIVE = List.of("nationalId", "bankAccount", "birthDate");

    @Test
    void salesSeesThePersonalFieldsOnly() {
        Map<String, Object> view = PersonViews.view(person(), Set.of(Roles.SALES));
        assertEquals("Ada", view.get("firstName"));
        assertEquals("ada@example.org", view.get("email"));
        SENSITIVE.forEach(field -> assertFalse(view.containsKey(field), field));
        assertFalse(view.containsKey("healthNotes"));
    }

    @Test
    void financeSeesSensitiveFieldsButNoSpecialCategory() {
        Map<String, Object> view = PersonViews.view(person(), Set.of(Roles.FINANCE));
        SENSITIVE.forEach(field -> assertTrue(view.containsKey(field), field));
        assertFalse(view.containsKey("healthNotes"));
    }

    @Test
    void theDpoSeesEveryFieldAndEveryRoleTheRecordState() {
        Map<String, Object> dpo = PersonViews.view(person(), Set.of(Roles.DPO));
        assertTrue(dpo.containsKey("healthNotes"));
        for (String role : List.of(Roles.SALES, Roles.DPO)) {
            Map<String, Object> view = PersonViews.view(person(), Set.of(role));
            for (String state :
                    List.of("id", "restricted", "anonymized", "lastActivityAt", "createdAt", "updatedAt", "version")) {
                assertTrue(view.containsKey(state), state);
            }
            assertEquals(true, view.get("restricted"));
            assertEquals(3L, view.get("version"));
        }
    }

    @Test
    void aRoleWithoutStaffRightsSeesNoField() {
        Map<String, Object> view = PersonViews.view(person(), Set.of(Roles.INTEGRATION));
        assertFalse(view.containsKey("firstName"));
        assertFalse(view.containsKey("email"));
    }

    /** No sealed values: opening them needs the key store. */
    private static Person person() {
        Person person = new Person();
        person.id = UUID.randomUUID();
        person.firstName = "Ada";
        person.email = "ada@example.org";
        person.restricted = true;
        person.version = 3;
        return person;
    }
}
