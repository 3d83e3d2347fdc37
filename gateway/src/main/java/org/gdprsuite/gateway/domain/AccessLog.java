package org.gdprsuite.gateway.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Accountability (Art. 30, 32): who — token subject and client — called which personal-data endpoint
 * about which person, with the answer's status. Append-only; the query string is not kept (it may hold
 * an email), only the path and the person id found in it.
 * <p>
 * Entries are written off the request path by one writer thread, many rows per transaction: the writer
 * gathers the calls of up to {@link #GATHER} before it writes (a commit per few calls cost the database more
 * than the calls themselves under load). Nothing is
 * dropped: a call takes a place in the log before it is served ({@link #admit()}), and when all places
 * are taken — the database is down or slower than the traffic — personal-data calls are refused until
 * the writer catches up, rather than served unlogged. A failed batch is retried until it is written. A
 * gateway that stops writes what it holds first; only a killed one (-9) loses the entries of the last
 * moments.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final Pattern UUID_IN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String INSERT = """
            INSERT INTO access_log (principal, client_id, method, path, status, request_id, person_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;
    private static final Duration STOP_WITHIN = Duration.ofSeconds(20);
    /** How long the writer waits for more calls to fill a batch once it has one; entries stay admitted meanwhile. */
    static final Duration GATHER = Duration.ofMillis(50);

    /** One answered call; values are cut to the columns' sizes so that no entry can fail a batch. */
    public record Call(
            String principal,
            String clientId,
            String method,
            String path,
            String personIdParameter,
            int status,
            String requestId) {
        public Call {
            principal = cut(Objects.requireNonNullElse(principal, "(unknown)"), 200);
            clientId = cut(clientId, 200);
            method = cut(method, 10);
            path = cut(path, 2000);
            requestId = cut(requestId, 100);
        }
    }

    private final DataSource dataSource;
    private final int capacity;
    private final int batchSize;
    /** Places in the log: taken when a call is admitted, given back once its entry is committed. */
    private final Semaphore places;

    private final LinkedBlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private Thread writer;

    @Inject
    public AccessLog(DataSource dataSource, GatewayConfig config, MeterRegistry metrics) {
        this(dataSource, config.accessLog().capacity(), config.accessLog().batchSize());
        Gauge.builder("gdpr.gateway.access.log.pending", this, AccessLog::pending)
                .description("Personal-data calls admitted whose access-log entry is not yet committed")
                .register(metrics);
    }

    public AccessLog(DataSource dataSource, int capacity, int batchSize) {
        this.dataSource = dataSource;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.places = new Semaphore(capacity);
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** The person a call is about: the first id in the path, else the personId parameter. */
    public static UUID personOf(String path, String personIdParameter) {
        Matcher m = UUID_IN.matcher(path);
        String id = m.find() ? m.group() : personIdParameter;
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Takes a place for the entry of a call about to be served; false when the log is full (the call must
     * then be refused). Every admitted call must be {@link #record recorded} exactly once.
     */
    public boolean admit() {
        return !stopping && places.tryAcquire();
    }

    /** The entry of an admitted call, written within moments. Never blocks. */
    public void record(Call call) {
        queue.add(call);
    }

    /** Admitted calls whose entry is not committed yet. */
    public int pending() {
        return capacity - places.availablePermits();
    }

    public synchronized void start() {
        if (writer == null) {
            stopping = false;
            writer = new Thread(this::writeUntilStopped, "access-log-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    /** Refuses new calls, writes the entries of those admitted (within a limit), then ends the writer. */
    public synchronized void stop() {
        if (writer == null) {
            return;
        }
        stopping = true;
        try {
            writer.join(STOP_WITHIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
            LOG.errorf("Stopping with %d access-log entries not written (the database did not take them)", pending());
        }
        writer = null;
    }

    private void writeUntilStopped() {
        List<Call> batch = new ArrayList<>(batchSize);
        try {
            while (!(stopping && pending() == 0)) {
                Call first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                writeRetrying(batch);
                places.release(batch.size());
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fills the batch with the calls that come within {@link #GATHER} (none when stopping: write what is held). */
    private void gather(List<Call> batch) throws InterruptedException {
        long deadline = System.nanoTime() + GATHER.toNanos();
        queue.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize && !stopping) {
            long left = deadline - System.nanoTime();
            Call next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    /** A batch that cannot be written (database down) is retried, with growing pauses, until it is. */
    private void writeRetrying(List<Call> batch) throws InterruptedException {
        long pauseMillis = 100;
        while (true) {
            try {
                write(batch);
                return;
            } catch (SQLException e) {
                // An operational alarm: calls are refused once the log is full. No values: they are personal.
                LOG.errorf(
                        "Could not write %d access-log entries, retrying in %d ms: %s (SQL state %s)",
                        batch.size(), pauseMillis, e.getClass().getName(), e.getSQLState());
                Thread.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private void write(List<Call> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Call call : batch) {
                    insert.setString(1, call.principal());
                    insert.setString(2, call.clientId());
                    insert.setString(3, call.method());
                    insert.setString(4, call.path());
                    insert.setInt(5, call.status());
                    insert.setString(6, call.requestId());
                    insert.setObject(7, personOf(call.path(), call.personIdParameter()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
