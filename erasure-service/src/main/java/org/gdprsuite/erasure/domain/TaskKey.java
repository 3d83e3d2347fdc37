package org.gdprsuite.erasure.domain;

import java.util.UUID;

/** A task: one participant's part of one request. */
public record TaskKey(UUID requestId, String participant) {}
