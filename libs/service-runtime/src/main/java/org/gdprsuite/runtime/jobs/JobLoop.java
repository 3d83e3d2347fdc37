package org.gdprsuite.runtime.jobs;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gdprsuite.runtime.internal.jobs.TickGate;
import org.gdprsuite.runtime.metrics.CountGauge;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.DurationConverter;

/**
 * The loop of a service's job runner. The runner's {@code @Scheduled} method (with
 * {@code concurrentExecution = SKIP}) hands its work to {@link #tick(Runnable)}; the work goes through the active
 * jobs with {@link #each} and through a job's chunks with {@link #drain}, every chunk its own transaction that
 * commits the job's cursor with what it wrote, so a job cut short by a crash or a restart resumes after its last
 * committed chunk. Several instances of a service share the jobs: the chunk's transaction locks (or claims) the
 * job's rows, which is the service's business.
 *
 * <p>{@link #stop()} stops after the chunk in flight and returns once it is done; {@link #shutdown()} (on the
 * service's {@code ShutdownEvent}) does not wait. Register the runner's gauges in its {@code @PostConstruct}: the
 * scheduler's first tick may come before the startup event reaches the bean.
 */
public final class JobLoop {

    /** A job's chunks: {@link #next()} commits one and tells whether more are left. */
    @FunctionalInterface
    public interface Chunks {
        boolean next();
    }

    private final Logger log;
    private final TickGate gate = new TickGate();

    /** {@code runner}: the class whose logger reports failed chunks. */
    public JobLoop(Class<?> runner) {
        this.log = Logger.getLogger(runner);
    }

    /** Runs one tick of the runner unless it is stopped; {@link #stop()} waits for it. */
    public void tick(Runnable work) {
        gate.pass(work);
    }

    /** True once stopped: a tick in flight ends after its chunk in flight. */
    public boolean stopped() {
        return gate.stopped();
    }

    /** Stops after the chunk in flight and returns once it is done (tests: a service stopped mid-job). */
    public void stop() {
        gate.stop();
    }

    /** Starts again after {@link #stop()}; the next tick resumes the jobs where their last chunk left them. */
    public void start() {
        gate.open();
    }

    /** The service is going down: no chunk starts after the one in flight, and nothing waits for it. */
    public void shutdown() {
        gate.close();
    }

    /**
     * The active jobs (oldest first, as the service read them in a transaction of their own): their count on
     * {@code gauge}, then {@code work} for each until the loop is stopped.
     */
    public <I> void each(List<I> jobs, CountGauge gauge, Consumer<I> work) {
        gauge.set(jobs.size());
        for (I job : jobs) {
            if (stopped()) {
                return;
            }
            work.accept(job);
        }
    }

    /**
     * Works through one job: {@code start} opens its chunks (null: nothing to do), then chunk after chunk until
     * none is left or the loop is stopped. A failing chunk is logged by the job's kind and id and the class of the
     * failure only (never a row or a value) and handed to {@code failed}, which counts it towards giving the job up;
     * the next tick tries again from the last committed chunk.
     */
    public void drain(String kind, Object job, Supplier<Chunks> start, Runnable failed) {
        try {
            Chunks chunks = start.get();
            boolean more = chunks != null;
            while (more && !stopped()) {
                more = chunks.next();
            }
        } catch (RuntimeException e) {
            log.warnf(
                    "%s %s: a chunk failed (%s); tried again",
                    kind, job, e.getClass().getSimpleName());
            failed.run();
        }
    }

    /**
     * How many items a tick every {@code every} (the scheduler's syntax, such as {@code 1s} or {@code PT0.5S}; one
     * second if it does not read) may handle at {@code perSecond}; at least one.
     */
    public static int budget(double perSecond, String every) {
        double seconds;
        try {
            seconds = DurationConverter.parseDuration(every).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            seconds = 1;
        }
        return (int) Math.max(1, Math.round(perSecond * Math.max(0.001, seconds)));
    }
}
