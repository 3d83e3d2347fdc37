package org.gdprsuite.runtime.problem;

/**
 * A rule of the domain that refuses what the caller asked: thrown by domain code, which knows nothing of HTTP,
 * and answered by the library's exception mappers as problem+json with a typed {@code type} URI. Subclasses
 * (or the factories below) name the kind of refusal; the detail never quotes personal data.
 */
public class DomainProblem extends RuntimeException {

    /** The kinds of refusal a domain knows, each with the HTTP status it maps to. */
    public enum Kind {
        NOT_FOUND(404, "Not Found"),
        CONFLICT(409, "Conflict"),
        STALE_VERSION(412, "Precondition Failed"),
        UNPROCESSABLE(422, "Unprocessable Content");

        public final int status;
        public final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }
    }

    private final Kind kind;
    private final String type;

    /**
     * @param type a short slug naming the problem (e.g. {@code request-not-found}); it becomes
     *             {@code https://gdpr-suite.org/problems/<type>}, stable for clients to switch on.
     */
    public DomainProblem(Kind kind, String type, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.type = type;
    }

    public static DomainProblem notFound(String type, String detail) {
        return new DomainProblem(Kind.NOT_FOUND, type, detail);
    }

    public static DomainProblem conflict(String type, String detail) {
        return new DomainProblem(Kind.CONFLICT, type, detail);
    }

    public static DomainProblem staleVersion(String type, String detail) {
        return new DomainProblem(Kind.STALE_VERSION, type, detail);
    }

    public static DomainProblem unprocessable(String type, String detail) {
        return new DomainProblem(Kind.UNPROCESSABLE, type, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String typeUri() {
        return Problem.TYPE_BASE + type;
    }
}
