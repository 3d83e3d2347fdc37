package org.gdprsuite.erasure.domain;

/** Where one participant's part of a request stands. */
public enum TaskStatus {
    /** Asked, no answer yet. */
    PENDING,
    /** Answered failed; asked again after a back-off. */
    FAILED,
    /** No answer after every retry: escalated. */
    TIMED_OUT,
    DONE,
    /** Kept on purpose, with the legal reason (e.g. Art. 17(3)(b)). */
    HELD;

    public boolean isAnswered() {
        return this == DONE || this == HELD;
    }
}
