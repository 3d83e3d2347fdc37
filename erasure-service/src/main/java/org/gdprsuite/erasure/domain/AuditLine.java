package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.UUID;

/** One line of a request's audit trail: who did what when; the detail never holds personal data. */
public record AuditLine(UUID requestId, Instant at, String actor, String action, String detail) {}
