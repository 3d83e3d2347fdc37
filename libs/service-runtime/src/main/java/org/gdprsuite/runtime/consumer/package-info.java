/**
 * Consuming Kafka events exactly once in effect: {@link org.gdprsuite.runtime.consumer.IdempotentConsumer} with an
 * {@link org.gdprsuite.runtime.consumer.EventHandler} per event or a {@link org.gdprsuite.runtime.consumer.BatchHandler}
 * per poll; retries, the processed-event table and dead-lettering are its business, not the service's.
 */
package org.gdprsuite.runtime.consumer;
