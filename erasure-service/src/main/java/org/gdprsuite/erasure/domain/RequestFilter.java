package org.gdprsuite.erasure.domain;

import java.util.UUID;

/**
 * Which requests a list shows: all by default; {@code overdue} or {@code dueWithinDays} keep the open ones past
 * or near their due date; {@code personId} those about one person.
 */
public record RequestFilter(RequestStatus status, boolean overdue, Integer dueWithinDays, UUID personId) {}
