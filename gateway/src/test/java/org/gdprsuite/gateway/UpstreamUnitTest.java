package org.gdprsuite.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.gateway.domain.Upstream;
import org.gdprsuite.testsupport.MovableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class UpstreamUnitTest {

    private static final URI A = URI.create("http://127.0.0.1:1001");
    private static final URI B = URI.create("http://127.0.0.1:1002");
    private static final URI C = URI.create("http://127.0.0.1:1003");

    private final MovableClock clock = new MovableClock();

    @Test
    void instancesAreCalledInTurn() {
        Upstream upstream = new Upstream(List.of(A, B, C), Duration.ofSeconds(5), clock);
        Map<URI, Integer> first = new HashMap<>();
        for (int call = 0; call < 30; call++) {
            List<URI> order = upstream.order();
            assertEquals(3, order.size());
            first.merge(order.get(0), 1, Integer::sum);
        }
        assertEquals(Map.of(A, 10, B, 10, C, 10), first);
        assertEquals(List.of(A, B, C), upstream.order());
        assertEquals(List.of(B, C, A), upstream.order());
    }

    @Test
    void oneInstanceIsAlwaysTheOne() {
        Upstream upstream = new Upstream(List.of(A), Duration.ofSeconds(5), clock);
        upstream.refused(A);
        assertEquals(List.of(A), upstream.order());
        assertThrows(IllegalArgumentException.class, () -> new Upstream(List.of(), Duration.ZERO, clock));
    }

    @Test
    void aRefusingInstanceIsTriedLastUntilItsTimeIsOverOrItAcceptsAgain() {
        Upstream upstream = new Upstream(List.of(A, B, C), Duration.ofSeconds(5), clock);
        upstream.refused(B);
        for (int call = 0; call < 6; call++) {
            assertEquals(B, upstream.order().get(2));
        }
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of(A, B, C), upstream.order());

        upstream.refused(C);
        assertEquals(List.of(B, A, C), upstream.order());
        upstream.accepted(C);
        assertEquals(List.of(C, A, B), upstream.order());
    }

    @Test
    void whenAllRefuseAllAreStillTriedInTurn() {
        Upstream upstream = new Upstream(List.of(A, B), Duration.ofSeconds(5), clock);
        upstream.refused(A);
        upstream.refused(B);
        assertEquals(List.of(A, B), upstream.order());
        assertEquals(List.of(B, A), upstream.order());
    }

    @Test
    void onlyCallsThatCanBeRepeatedGoOnToAnotherInstance() {
        List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE").forEach(m -> assertTrue(Upstream.retriable(m), m));
        List.of("POST", "PATCH", "CONNECT").forEach(m -> assertFalse(Upstream.retriable(m), m));
    }
}
