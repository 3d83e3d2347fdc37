package org.gdprsuite.gateway.domain;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service behind the gateway (its replicas), taken in turn. An instance that refused a
 * connection is put last for a short while (the calls go to the others at once, without waiting for its
 * connect time-out each time) and tried again afterwards; when all refuse, they are still tried in turn.
 */
public final class Upstream {

    private final List<URI> instances;
    private final Duration setAside;
    private final Clock clock;
    private final AtomicInteger next = new AtomicInteger();
    /** Instance → until when it is tried only after the others. */
    private final ConcurrentHashMap<URI, Instant> refusedUntil = new ConcurrentHashMap<>();

    public Upstream(List<URI> instances, Duration setAside, Clock clock) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one base URL");
        }
        this.instances = List.copyOf(instances);
        this.setAside = setAside;
        this.clock = clock;
    }

    public List<URI> instances() {
        return instances;
    }

    /** The instances in the order this call tries them: the next in turn first, those set aside last. */
    public List<URI> order() {
        int size = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        Instant now = clock.instant();
        List<URI> healthy = new ArrayList<>(size);
        List<URI> setAsideNow = new ArrayList<>(0);
        for (int i = 0; i < size; i++) {
            URI instance = instances.get((start + i) % size);
            Instant until = refusedUntil.get(instance);
            if (until != null && until.isAfter(now)) {
                setAsideNow.add(instance);
            } else {
                healthy.add(instance);
            }
        }
        healthy.addAll(setAsideNow);
        return healthy;
    }

    /** The instance refused a connection (or did not accept one in time): nothing was sent to it. */
    public void refused(URI instance) {
        refusedUntil.put(instance, clock.instant().plus(setAside));
    }

    /** The instance took a connection: it is in turn again. */
    public void accepted(URI instance) {
        refusedUntil.remove(instance);
    }

    /**
     * Whether a call may go to another instance after a refused connection: only a method that can be repeated
     * without a second effect, so that a call is never applied twice whatever the transport did.
     */
    public static boolean retriable(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE" -> true;
            default -> false;
        };
    }
}
