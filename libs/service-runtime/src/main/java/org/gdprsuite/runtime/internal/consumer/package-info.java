/**
 * Not API (see {@link org.gdprsuite.runtime.internal}): the memory of processed events and the retries behind
 * {@link org.gdprsuite.runtime.consumer.IdempotentConsumer}.
 */
package org.gdprsuite.runtime.internal.consumer;
