package org.gdprsuite.runtime.consumer;

import org.gdprsuite.events.CloudEvent;

/** The effect of one consumed event; runs inside the transaction that also records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(CloudEvent event) throws Exception;
}
