package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.payload.ObjectionChanged.Scope;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class RulesTest {

    @Test
    void aRequestIsDueOneCalendarMonthAfterItsReceipt() {
        assertEquals(Instant.parse("2026-04-15T09:30:00Z"), Rules.dueAt(Instant.parse("2026-03-15T09:30:00Z")));
        assertEquals(
                Instant.parse("2026-02-28T23:00:00Z"),
                Rules.dueAt(Instant.parse("2026-01-31T23:00:00Z")),
                "the last day of a shorter month");
    }

    @Test
    void anExtensionAddsUpToTwoMonthsInAll() {
        Instant due = Instant.parse("2026-04-15T09:30:00Z");
        assertEquals(Instant.parse("2026-05-15T09:30:00Z"), Rules.extendedDueAt(due, 0, 1));
        assertEquals(Instant.parse("2026-06-15T09:30:00Z"), Rules.extendedDueAt(due, 0, 2));
        assertEquals(Instant.parse("2026-05-15T09:30:00Z"), Rules.extendedDueAt(due, 1, 1));
        DomainProblem tooLong = assertThrows(DomainProblem.class, () -> Rules.extendedDueAt(due, 1, 2));
        assertEquals(DomainProblem.Kind.UNPROCESSABLE, tooLong.kind());
        assertTrue(tooLong.typeUri().endsWith("/extension-too-long"), tooLong.typeUri());
    }

    @Test
    void onlyAVerifiedRequestIsApprovedAndOnlyAnOpenOneRejectedOrExtended() {
        assertDoesNotThrow(() -> Rules.requireApprovable(RequestStatus.VERIFIED));
        for (RequestStatus status : RequestStatus.values()) {
            if (status != RequestStatus.VERIFIED) {
                assertEquals(
                        DomainProblem.Kind.CONFLICT,
                        assertThrows(DomainProblem.class, () -> Rules.requireApprovable(status))
                                .kind(),
                        status.name());
            }
            if (status.isFinal()) {
                assertThrows(DomainProblem.class, () -> Rules.requireOpen(status), status.name());
            } else {
                assertDoesNotThrow(() -> Rules.requireOpen(status), status.name());
            }
        }
    }

    @Test
    void onlyAnApprovedRectificationIsCompletedByHand() {
        assertDoesNotThrow(
                () -> Rules.requireCompletableByHand(RequestType.RECTIFICATION, RequestStatus.APPROVED, false));
        assertThrows(
                DomainProblem.class,
                () -> Rules.requireCompletableByHand(RequestType.RECTIFICATION, RequestStatus.VERIFIED, false));
        assertThrows(
                DomainProblem.class,
                () -> Rules.requireCompletableByHand(RequestType.ERASURE, RequestStatus.APPROVED, false));
        // A correction from the privacy centre is carried out by contact-service, not by hand.
        assertThrows(
                DomainProblem.class,
                () -> Rules.requireCompletableByHand(RequestType.RECTIFICATION, RequestStatus.APPROVED, true));
    }

    @Test
    void eachTypeAsksItsAction() {
        assertEquals(DsrAction.EXPORT, Rules.action(RequestType.ACCESS));
        assertEquals(DsrAction.EXPORT, Rules.action(RequestType.PORTABILITY));
        assertEquals(DsrAction.ERASE, Rules.action(RequestType.ERASURE));
        assertEquals(DsrAction.RESTRICT, Rules.action(RequestType.RESTRICTION));
        assertFalse(Rules.hasFanOut(RequestType.RECTIFICATION));
        assertTrue(Rules.hasFanOut(RequestType.RECTIFICATION, true));
        assertEquals(DsrAction.RECTIFY, Rules.action(RequestType.RECTIFICATION));
        // An objection goes to consent-service as consent.objection-changed; no participant restricts anything.
        assertFalse(Rules.hasFanOut(RequestType.OBJECTION));
        assertThrows(IllegalArgumentException.class, () -> Rules.action(RequestType.OBJECTION));
        assertTrue(Rules.exports(RequestType.ACCESS) && Rules.exports(RequestType.PORTABILITY));
        assertFalse(Rules.exports(RequestType.ERASURE));
    }

    @Test
    void anObjectionIsToAllProcessingToDirectMarketingOrToNamedPurposes() {
        assertEquals(Objection.ALL, Rules.objection(RequestType.OBJECTION, null, null));
        assertEquals(
                new Objection(Scope.DIRECT_MARKETING, List.of()),
                Rules.objection(RequestType.OBJECTION, "DIRECT_MARKETING", List.of()));
        assertEquals(
                new Objection(Scope.PURPOSES, List.of("newsletter", "profiling")),
                Rules.objection(RequestType.OBJECTION, "PURPOSES", List.of("newsletter", "profiling", "newsletter")));
        assertEquals(
                new Objection(Scope.PURPOSES, List.of("newsletter")),
                Rules.objection(RequestType.OBJECTION, null, List.of("newsletter")),
                "purposes alone are an objection to them");
        assertEquals(null, Rules.objection(RequestType.ERASURE, null, List.of()));
    }

    @Test
    void aScopeOrPurposesThatDoNotFitAreRefused() {
        assertEquals("objection-scope-unknown", refusal(RequestType.OBJECTION, "EVERYTHING", null));
        assertEquals("objection-scope-unknown", refusal(RequestType.OBJECTION, "all", null));
        assertEquals("objection-purposes-missing", refusal(RequestType.OBJECTION, "PURPOSES", List.of()));
        assertEquals("objection-purposes-misplaced", refusal(RequestType.OBJECTION, "ALL", List.of("newsletter")));
        assertEquals("purpose-name-invalid", refusal(RequestType.OBJECTION, "PURPOSES", List.of("News Letter")));
        assertEquals("objection-scope-misplaced", refusal(RequestType.ERASURE, "ALL", null));
        assertEquals("objection-scope-misplaced", refusal(RequestType.ACCESS, null, List.of("newsletter")));
    }

    private static String refusal(RequestType type, String scope, List<String> purposes) {
        DomainProblem problem = assertThrows(DomainProblem.class, () -> Rules.objection(type, scope, purposes));
        assertEquals(DomainProblem.Kind.UNPROCESSABLE, problem.kind());
        return problem.typeUri().substring(problem.typeUri().lastIndexOf('/') + 1);
    }

    @Test
    void aRequestIsOverdueOnlyWhileOpenAndPastItsDueDate() {
        Instant due = Instant.parse("2026-04-15T09:30:00Z");
        Instant after = due.plusSeconds(1);
        assertTrue(request(RequestStatus.IN_PROGRESS, due).overdue(after));
        assertFalse(request(RequestStatus.IN_PROGRESS, due).overdue(due));
        assertFalse(request(RequestStatus.COMPLETED, due).overdue(after));
    }

    @Test
    void aStaffExportNeedsAnAddressOnFileForEveryPersonItNames() {
        java.util.UUID a = java.util.UUID.randomUUID();
        java.util.UUID b = java.util.UUID.randomUUID();
        assertDoesNotThrow(() -> Rules.requireAddressOnFile(java.util.List.of(a), java.util.List.of()));
        assertDoesNotThrow(() -> Rules.requireAddressOnFile(java.util.List.of(a, b), java.util.List.of(b)));
        for (var refused : java.util.List.<Runnable>of(
                () -> Rules.requireAddressOnFile(java.util.List.of(), java.util.List.of()),
                () -> Rules.requireAddressOnFile(java.util.List.of(), java.util.List.of(a)),
                () -> Rules.requireAddressOnFile(java.util.List.of(a), java.util.List.of(a, b)))) {
            DomainProblem problem = assertThrows(DomainProblem.class, refused::run);
            assertEquals(DomainProblem.Kind.UNPROCESSABLE, problem.kind());
            assertTrue(problem.typeUri().endsWith("/address-not-on-file"), problem.typeUri());
        }
    }

    private static Request request(RequestStatus status, Instant dueAt) {
        return new Request(
                java.util.UUID.randomUUID(),
                RequestType.ERASURE,
                status,
                Origin.STAFF,
                null,
                java.util.List.of(),
                null,
                dueAt.minusSeconds(86_400 * 30L),
                dueAt,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null);
    }
}
