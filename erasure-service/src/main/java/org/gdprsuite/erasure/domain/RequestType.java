package org.gdprsuite.erasure.domain;

/** The rights a data subject can exercise through a request (Art. 15-21). */
public enum RequestType {
    ACCESS,
    PORTABILITY,
    ERASURE,
    RECTIFICATION,
    RESTRICTION,
    OBJECTION
}
