/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the operations report of every service,
 * {@code GET /api/operations/<service>} ({@link org.gdprsuite.runtime.operations.OperationsReport}): the outbox
 * backlog from the outbox table, the dead letters from Kafka's offsets of the dead-letter topics the service's
 * channels write.
 */
package org.gdprsuite.runtime.internal.operations;
