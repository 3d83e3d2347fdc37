/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the relay from the outbox table to Kafka.
 */
package org.gdprsuite.runtime.internal.outbox;
