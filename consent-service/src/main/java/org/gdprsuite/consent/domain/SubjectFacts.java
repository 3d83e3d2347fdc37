package org.gdprsuite.consent.domain;

/**
 * What the suite knows of a person, besides legal bases, that can forbid processing them for a purpose. The
 * purpose-wide facts ({@code purposeOptedOut}, {@code purposeObjected}) are for the one purpose a decision is
 * about.
 */
public record SubjectFacts(
        boolean known,
        boolean restricted,
        boolean erased,
        boolean optedOut,
        boolean objectedAll,
        boolean objectedDirectMarketing,
        boolean purposeOptedOut,
        boolean purposeObjected) {

    /** A person the suite knows and nothing else forbids. */
    public static final SubjectFacts FREE = new SubjectFacts(true, false, false, false, false, false, false, false);

    /** A person no service ever announced. */
    public static final SubjectFacts UNKNOWN = new SubjectFacts(false, false, false, false, false, false, false, false);
}
