package org.gdprsuite.runtime.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdprsuite.runtime.metrics.CountGauge;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class JobLoopTest {

    private final JobLoop loop = new JobLoop(JobLoopTest.class);

    @Test
    void drainsAJobChunkAfterChunkUntilNoneIsLeft() {
        AtomicInteger left = new AtomicInteger(3);
        AtomicBoolean failed = new AtomicBoolean();
        loop.tick(() -> loop.drain("job", "j1", () -> () -> left.decrementAndGet() > 0, () -> failed.set(true)));
        assertEquals(0, left.get());
        assertFalse(failed.get());
    }

    @Test
    void aJobWithNothingToDoOpensNoChunk() {
        AtomicBoolean failed = new AtomicBoolean();
        loop.drain("job", "j1", () -> null, () -> failed.set(true));
        assertFalse(failed.get());
    }

    @Test
    void aFailingChunkIsHandedToTheJobAndEndsItsTurn() {
        AtomicInteger chunks = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        loop.drain(
                "job",
                "j1",
                () -> () -> {
                    if (chunks.incrementAndGet() == 2) {
                        throw new IllegalStateException("the database is gone");
                    }
                    return true;
                },
                failures::incrementAndGet);
        assertEquals(2, chunks.get());
        assertEquals(1, failures.get());
    }

    @Test
    void eachCountsTheActiveJobsOnItsGaugeAndStopsWithTheLoop() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CountGauge gauge = CountGauge.register(registry, "test.jobs.active", "Jobs");
        List<String> done = new ArrayList<>();
        loop.each(List.of("a", "b", "c"), gauge, job -> {
            done.add(job);
            if (job.equals("b")) {
                loop.shutdown();
            }
        });
        assertEquals(List.of("a", "b"), done);
        assertEquals(3.0, registry.get("test.jobs.active").gauge().value());
    }

    @Test
    void stopWaitsForTheChunkInFlightAndNoTickRunsUntilStarted() throws Exception {
        CountDownLatch inChunk = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger chunks = new AtomicInteger();
        Thread ticking = new Thread(() -> loop.tick(() -> loop.drain(
                "job",
                "j1",
                () -> () -> {
                    chunks.incrementAndGet();
                    inChunk.countDown();
                    await(release);
                    return true; // more is left: only the stop ends the job's turn
                },
                () -> {})));
        ticking.start();
        assertTrue(inChunk.await(10, TimeUnit.SECONDS));
        Thread stopping = new Thread(loop::stop);
        stopping.start();
        stopping.join(200);
        assertTrue(stopping.isAlive(), "stop returns only once the chunk in flight is done");
        release.countDown();
        stopping.join(10_000);
        assertFalse(stopping.isAlive());
        ticking.join(10_000);
        assertEquals(1, chunks.get());

        AtomicBoolean ran = new AtomicBoolean();
        loop.tick(() -> ran.set(true));
        assertFalse(ran.get());
        loop.start();
        loop.tick(() -> ran.set(true));
        assertTrue(ran.get());
    }

    @Test
    void aTickHasABudgetOfItsShareOfTheRate() {
        assertEquals(10, JobLoop.budget(20, "0.5s"));
        assertEquals(100, JobLoop.budget(100, "PT1S"));
        assertEquals(1, JobLoop.budget(0.1, "1s"));
        assertEquals(7, JobLoop.budget(7, "not a duration"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
