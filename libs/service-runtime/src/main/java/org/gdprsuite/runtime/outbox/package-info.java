/**
 * Publishing events with the database change that caused them: {@link org.gdprsuite.runtime.outbox.Outbox#publish}
 * inside the service's transaction; the library relays committed events to Kafka.
 */
package org.gdprsuite.runtime.outbox;
