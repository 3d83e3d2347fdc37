package org.gdprsuite.contact.domain;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.gdprsuite.runtime.metrics.CountGauge;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the import and bulk-update jobs in the service, every {@code gdpr.contact.jobs-check-every}: each job
 * chunk after chunk, every chunk one transaction with the job's cursor, so a job stopped by a crash or a restart
 * resumes after its last committed chunk. Several instances share the work: a chunk locks its job's row.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    CsvImport imports;

    @Inject
    BulkUpdates bulkUpdates;

    @Inject
    org.gdprsuite.contact.config.ContactConfig config;

    @Inject
    MeterRegistry metrics;

    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;
    private CountGauge activeImports;
    private CountGauge activeBulkUpdates;

    /** Before the scheduler's first tick, which may come before the startup event reaches this bean. */
    @PostConstruct
    void registerGauges() {
        activeImports = CountGauge.register(metrics, "gdpr.import.jobs.active", "CSV imports queued or running");
        activeBulkUpdates =
                CountGauge.register(metrics, "gdpr.bulk-update.jobs.active", "Bulk-update jobs queued or running");
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Stops after the chunk in flight and returns once it is done (tests: a service stopped mid-job). */
    public void stop() {
        stopped = true;
        running.lock();
        running.unlock();
    }

    public void start() {
        stopped = false;
    }

    @Scheduled(
            every = "${gdpr.contact.jobs-check-every}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        running.lock();
        try {
            if (!stopped) {
                tick();
            }
        } finally {
            running.unlock();
        }
    }

    private void tick() {
        List<UUID> importing = QuarkusTransaction.requiringNew().call(imports::active);
        activeImports.set(importing.size());
        for (UUID id : importing) {
            runImport(id);
        }
        List<UUID> updating = QuarkusTransaction.requiringNew().call(bulkUpdates::active);
        activeBulkUpdates.set(updating.size());
        for (UUID id : updating) {
            runBulkUpdate(id);
        }
    }

    private void runImport(UUID id) {
        try {
            List<CsvRows.Row> rows = imports.start(id);
            boolean more = rows != null;
            while (more && !stopped) {
                CsvImport.Chunk chunk = imports.chunk(id, rows, config.importChunkSize());
                chunk.outcomes()
                        .forEach((outcome, n) -> metrics.counter("gdpr.import.rows", "outcome", outcome.toLowerCase())
                                .increment(n));
                more = chunk.more();
            }
        } catch (RuntimeException e) {
            // The job and the kind of failure only: no row, no value.
            LOG.warnf(
                    "import %s: a chunk failed (%s); tried again",
                    id, e.getClass().getSimpleName());
            imports.chunkFailed(id);
        }
    }

    private void runBulkUpdate(UUID id) {
        try {
            boolean more = true;
            while (more && !stopped) {
                more = bulkUpdates.batch(id);
                metrics.counter("gdpr.bulk-update.batches").increment();
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "bulk update %s: a batch failed (%s); tried again",
                    id, e.getClass().getSimpleName());
            bulkUpdates.batchFailed(id);
        }
    }
}
