package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.runtime.problem.DomainProblem;

/** The rules of a request's life cycle that need nothing but their arguments: due dates, extensions, transitions. */
public final class Rules {

    /** Art. 12(3): two further months at most, in all. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    private Rules() {}

    /** A request is answered within one month of its receipt. */
    public static Instant dueAt(Instant receivedAt) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** The due date after an extension by {@code months}, refused beyond two months in all. */
    public static Instant extendedDueAt(Instant dueAt, int extendedMonths, int months) {
        if (extendedMonths + months > MAX_EXTENSION_MONTHS) {
            throw DomainProblem.unprocessable(
                    "extension-too-long", "A request can be extended by two months at most in all.");
        }
        return dueAt.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }

    /** Rejection and extension need a request still open. */
    public static void requireOpen(RequestStatus status) {
        if (status.isFinal()) {
            throw DomainProblem.conflict("request-closed", "The request is " + status + " already.");
        }
    }

    public static void requireApprovable(RequestStatus status) {
        if (status != RequestStatus.VERIFIED) {
            throw DomainProblem.conflict(
                    "request-not-verified", "Only a verified request can be approved; this one is " + status + ".");
        }
    }

    /** Requests without a fan-out (rectification) are completed by the DPO once done in the CRM. */
    public static void requireCompletableByHand(RequestType type, RequestStatus status) {
        if (!hasFanOut(type) && status == RequestStatus.APPROVED) {
            return;
        }
        throw DomainProblem.conflict(
                "request-not-completable",
                "Only an approved rectification is completed by hand; the others complete with their participants.");
    }

    public static DomainProblem notFound() {
        return DomainProblem.notFound("request-not-found", "No such request.");
    }

    public static boolean hasFanOut(RequestType type) {
        return type != RequestType.RECTIFICATION;
    }

    /** What the participants are asked to do for a request type. */
    public static DsrAction action(RequestType type) {
        return switch (type) {
            case ACCESS, PORTABILITY -> DsrAction.EXPORT;
            case ERASURE -> DsrAction.ERASE;
            // An objection (Art. 21) stops the processing objected to: the participants restrict it.
            case RESTRICTION, OBJECTION -> DsrAction.RESTRICT;
            case RECTIFICATION -> throw new IllegalArgumentException("rectification has no fan-out");
        };
    }

    /**
     * A staff-created export goes only to an address on file (never to one typed in): the address must be known
     * for a person, and for every person the request names.
     *
     * @param personsOfAddress the persons contact-service knows by the address
     * @param personsNamed the persons the request names besides the address
     */
    public static void requireAddressOnFile(List<UUID> personsOfAddress, List<UUID> personsNamed) {
        if (personsOfAddress.isEmpty() || !personsOfAddress.containsAll(personsNamed)) {
            throw DomainProblem.unprocessable(
                    "address-not-on-file",
                    "An export is sent only to the address on file for the person. Give that address, or leave the"
                            + " address out and the DPO hands the export over.");
        }
    }

    /** Access and portability end with an export bundle assembled from the slices. */
    public static boolean exports(RequestType type) {
        return type == RequestType.ACCESS || type == RequestType.PORTABILITY;
    }
}
