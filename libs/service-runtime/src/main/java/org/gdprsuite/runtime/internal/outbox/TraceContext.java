package org.gdprsuite.runtime.internal.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C {@code traceparent} of the current span, carried from an outbox row to the Kafka record header. */
public final class TraceContext {

    public static final String HEADER = "traceparent";

    private TraceContext() {}

    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }
}
