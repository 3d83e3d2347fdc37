package org.gdprsuite.consent.domain;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.domain.SubjectRef.Identity;
import org.gdprsuite.consent.domain.SubjectRef.Kind;
import org.gdprsuite.consent.domain.SubjectRef.SubjectProblem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a subject may be named, and the identities an address or external id is indexed by. */
@Tag("unit")
class SubjectRefTest {

    @Test
    void anAddressIsTrimmedAndInLowerCaseSoOneAddressIsOneIdentity() {
        SubjectRef ref = new SubjectRef(null, "  Pat.Pending@Example.ORG ", null, null).normalized();
        assertEquals("pat.pending@example.org", ref.email());
        assertEquals(List.of(new Identity(Kind.EMAIL, "pat.pending@example.org")), ref.identities());
        assertEquals(
                SubjectRef.emailIdentity("PAT.PENDING@example.org"),
                ref.identities().get(0));
    }

    @Test
    void anExternalIdNeedsItsSystemAndIsIndexedWithIt() {
        SubjectRef ref = new SubjectRef(null, null, " shop ", "42").normalized();
        assertEquals(List.of(new Identity(Kind.EXTERNAL, "shop\n42")), ref.identities());
        assertEquals(
                "malformed-external-id",
                assertThrows(SubjectProblem.class, () -> new SubjectRef(null, null, "shop", null).normalized())
                        .slug());
    }

    @Test
    void malformedAddressesAndNoSubjectAtAllAreRefusedWithoutQuotingTheInput() {
        for (String bad : List.of("not an address", "a@b", "two@@example.org", "x@example.", "@example.org")) {
            SubjectProblem problem =
                    assertThrows(SubjectProblem.class, () -> new SubjectRef(null, bad, null, null).normalized(), bad);
            assertEquals("malformed-email", problem.slug());
            assertFalse(problem.getMessage().contains(bad));
        }
        assertEquals(
                "subject-required",
                assertThrows(SubjectProblem.class, () -> new SubjectRef(null, " ", null, null).normalized())
                        .slug());
    }

    @Test
    void aPersonIdAloneNeedsNoIndex() {
        SubjectRef ref = SubjectRef.ofPerson(UUID.randomUUID()).normalized();
        assertTrue(ref.byPersonIdOnly());
        assertTrue(ref.identities().isEmpty());
    }
}
