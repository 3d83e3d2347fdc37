package org.gdprsuite.runtime.internal.jobs;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One tick of a runner at a time, and a stop that waits for the tick in flight: a test (or a shutdown) that stops
 * the runner knows no chunk is being written once {@link #stop()} returns.
 */
public final class TickGate {

    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;

    /** Runs {@code tick} unless stopped, holding the gate. */
    public void pass(Runnable tick) {
        running.lock();
        try {
            if (!stopped) {
                tick.run();
            }
        } finally {
            running.unlock();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /** Stops, then waits for the tick in flight to end. */
    public void stop() {
        close();
        running.lock();
        running.unlock();
    }

    /** Stops without waiting (the service is going down: the tick in flight notices between its chunks). */
    public void close() {
        stopped = true;
    }

    public void open() {
        stopped = false;
    }
}
