package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.UUID;

/** What one participant was asked for one request, and its answer (table dsr_task). */
public record Task(
        UUID requestId,
        String participant,
        String action,
        TaskStatus status,
        int attempts,
        Instant answeredAt,
        String legalReason,
        String error) {}
