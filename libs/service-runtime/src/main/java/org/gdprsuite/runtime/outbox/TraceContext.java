package org.gdprsuite.runtime.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C {@code traceparent} of the current span, carried from an outbox row to the Kafka record header. */
final class TraceContext {

    static final String HEADER = "traceparent";

    private TraceContext() {
    }

    static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
