package org.gdprsuite.runtime.consumer;

import java.util.List;

import org.gdprsuite.events.CloudEvent;

/**
 * The effect of several consumed events, in their order; runs inside the transaction that also records them
 * as processed. It must have the effect of handling them one by one, with one transaction for all.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<CloudEvent> events) throws Exception;
}
