package org.gdprsuite.contact.domain;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.runtime.jobs.JobLoop;
import org.gdprsuite.runtime.metrics.CountGauge;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Runs the import and bulk-update jobs in the service, every {@code gdpr.contact.jobs-check-every}, on the
 * library's {@link JobLoop}: each job chunk after chunk, every chunk one transaction with the job's cursor, so a
 * job stopped by a crash or a restart resumes after its last committed chunk. Several instances share the work: a
 * chunk locks its job's row.
 */
@ApplicationScoped
public class JobRunner {

    @Inject
    CsvImport imports;

    @Inject
    BulkUpdates bulkUpdates;

    @Inject
    ContactConfig config;

    @Inject
    MeterRegistry metrics;

    private final JobLoop loop = new JobLoop(JobRunner.class);
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
        loop.shutdown();
    }

    /** Stops after the chunk in flight and returns once it is done (tests: a service stopped mid-job). */
    public void stop() {
        loop.stop();
    }

    public void start() {
        loop.start();
    }

    @Scheduled(
            every = "${gdpr.contact.jobs-check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        loop.tick(() -> {
            loop.each(QuarkusTransaction.requiringNew().call(imports::active), activeImports, this::runImport);
            loop.each(
                    QuarkusTransaction.requiringNew().call(bulkUpdates::active),
                    activeBulkUpdates,
                    this::runBulkUpdate);
        });
    }

    private void runImport(UUID id) {
        loop.drain(
                "import",
                id,
                () -> {
                    List<CsvRows.Row> rows = imports.start(id);
                    return rows == null ? null : () -> importChunk(id, rows);
                },
                () -> imports.chunkFailed(id));
    }

    private boolean importChunk(UUID id, List<CsvRows.Row> rows) {
        CsvImport.Chunk chunk = imports.chunk(id, rows, config.importChunkSize());
        chunk.outcomes()
                .forEach((outcome, n) -> metrics.counter("gdpr.import.rows", "outcome", outcome.toLowerCase())
                        .increment(n));
        return chunk.more();
    }

    private void runBulkUpdate(UUID id) {
        loop.drain(
                "bulk update",
                id,
                () -> () -> {
                    boolean more = bulkUpdates.batch(id);
                    metrics.counter("gdpr.bulk-update.batches").increment();
                    return more;
                },
                () -> bulkUpdates.batchFailed(id));
    }
}
