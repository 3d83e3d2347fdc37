/**
 * What every service tells the DPO and admins about its share of the event backbone, at
 * {@code GET /api/operations/<service>} (through the gateway like the other APIs; roles dpo and admin): its outbox
 * backlog ({@link org.gdprsuite.runtime.operations.OperationsReport.OutboxBacklog}: events committed but not yet on
 * Kafka, the age of the oldest) and the dead letters waiting in the dead-letter topics it writes
 * ({@link org.gdprsuite.runtime.operations.OperationsReport.DeadLetters}). A service needs no code for it: the
 * library serves it from the service's outbox table and its channels' configuration.
 */
package org.gdprsuite.runtime.operations;
