package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.payload.ObjectionChanged.Scope;
import org.gdprsuite.runtime.problem.DomainProblem;

/** The rules of a request's life cycle that need nothing but their arguments: due dates, extensions, transitions. */
public final class Rules {

    /** Art. 12(3): two further months at most, in all. */
    public static final int MAX_EXTENSION_MONTHS = 2;

    /** A purpose's name as consent-service's catalogue (and the consent.objection-changed schema) allows it. */
    private static final Pattern PURPOSE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

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

    /**
     * Requests without a fan-out (a rectification naming no correction) are completed by the DPO once done in the
     * CRM.
     */
    public static void requireCompletableByHand(RequestType type, RequestStatus status, boolean namesCorrection) {
        if (!hasFanOut(type, namesCorrection) && status == RequestStatus.APPROVED) {
            return;
        }
        throw DomainProblem.conflict(
                "request-not-completable",
                "Only an approved rectification staff carry out is completed by hand; the others complete with their"
                        + " participants.");
    }

    public static DomainProblem notFound() {
        return DomainProblem.notFound("request-not-found", "No such request.");
    }

    /**
     * Rectification is done by hand in the CRM. An objection (Art. 21) is no restriction (Art. 18): it goes to
     * consent-service, the one authority on "may we process?", as consent.objection-changed, and the decisions
     * say OBJECTED; the participants' data stays as it is and unrestricted.
     */
    public static boolean hasFanOut(RequestType type) {
        return hasFanOut(type, false);
    }

    /**
     * As {@link #hasFanOut(RequestType)}, but a rectification that names a correction (one contact detail and its
     * new value, from the privacy centre) is carried out by contact-service: a fan-out.
     */
    public static boolean hasFanOut(RequestType type, boolean namesCorrection) {
        return type == RequestType.RECTIFICATION ? namesCorrection : type != RequestType.OBJECTION;
    }

    /** What the participants are asked to do for a request type. */
    public static DsrAction action(RequestType type) {
        return switch (type) {
            case ACCESS, PORTABILITY -> DsrAction.EXPORT;
            case ERASURE -> DsrAction.ERASE;
            case RESTRICTION -> DsrAction.RESTRICT;
            case RECTIFICATION -> DsrAction.RECTIFY;
            case OBJECTION -> throw new IllegalArgumentException(type + " has no fan-out");
        };
    }

    /**
     * The objection a request names: for an OBJECTION its scope ({@link Scope}; purposes alone mean
     * {@link Scope#PURPOSES}, nothing at all means {@link Scope#ALL}); null for the other types, which name none.
     *
     * @param scope a {@link Scope} by name, or null
     * @param purposes the purposes objected to, for {@link Scope#PURPOSES} only
     */
    public static Objection objection(RequestType type, String scope, List<String> purposes) {
        List<String> named =
                purposes == null ? List.of() : purposes.stream().distinct().toList();
        if (type != RequestType.OBJECTION) {
            if (scope != null || !named.isEmpty()) {
                throw DomainProblem.unprocessable(
                        "objection-scope-misplaced", "Only a request of type OBJECTION names a scope or purposes.");
            }
            return null;
        }
        Scope objectedTo = scope == null ? (named.isEmpty() ? Scope.ALL : Scope.PURPOSES) : scope(scope);
        if (objectedTo == Scope.PURPOSES && named.isEmpty()) {
            throw DomainProblem.unprocessable(
                    "objection-purposes-missing", "An objection to named purposes names at least one purpose.");
        }
        if (objectedTo != Scope.PURPOSES && !named.isEmpty()) {
            throw DomainProblem.unprocessable(
                    "objection-purposes-misplaced", "Only an objection of scope PURPOSES names purposes.");
        }
        if (!named.stream().allMatch(p -> p != null && PURPOSE_NAME.matcher(p).matches())) {
            throw DomainProblem.unprocessable(
                    "purpose-name-invalid", "A purpose is named by lower-case letters, digits, '.', '_' or '-'.");
        }
        return new Objection(objectedTo, named);
    }

    private static Scope scope(String name) {
        return Arrays.stream(Scope.values())
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> DomainProblem.unprocessable(
                        "objection-scope-unknown",
                        "An objection's scope is one of " + Arrays.toString(Scope.values()) + "."));
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
