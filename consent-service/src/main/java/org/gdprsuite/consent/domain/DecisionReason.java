package org.gdprsuite.consent.domain;

/**
 * Why a decision is not {@code allowed}: stable codes clients may switch on (serialized by name). A decision
 * lists every reason that applies, in this order; {@link #UNKNOWN_SUBJECT} stands alone.
 */
public enum DecisionReason {
    /** No basis recorded, or one that never allowed processing (refused, awaiting confirmation). */
    NO_BASIS,
    /** The person withdrew their consent (or the basis was withdrawn). */
    WITHDRAWN,
    /** The basis ran past its validity. */
    EXPIRED,
    /** Processing is restricted (Art. 18). */
    RESTRICTED,
    /** The person objected (Art. 21): to all processing, to direct marketing or to this purpose. */
    OBJECTED,
    /** The person opted out of all marketing, or of every subscription sent under this purpose. */
    OPTED_OUT,
    /** The person was anonymized (Art. 17). */
    ERASED,
    /** No service ever announced a person with this id. */
    UNKNOWN_SUBJECT
}
