package org.gdprsuite.subscription.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.gdprsuite.runtime.jobs.JobLoop;
import org.gdprsuite.runtime.metrics.CountGauge;
import org.gdprsuite.subscription.config.SubscriptionConfig;
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
 * Runs the mailing jobs in the service on the library's {@link JobLoop}, every {@code gdpr.subscription.mailing.check-every}: plans queued
 * mailings, resolves claims a crash left in doubt, then sends at most {@code rate-per-second} mails per second
 * of the period, a claimed batch at a time (each recipient claimed in the database before its mail goes out),
 * and completes the mailings with nothing left. Several instances share the work (claims skip locked rows).
 */
@ApplicationScoped
public class MailingRunner {

    private static final Logger LOG = Logger.getLogger(MailingRunner.class);
    private static final int BATCH = 50;

    @Inject
    MailingQueue queue;

    @Inject
    SubscriptionTypes types;

    @Inject
    SuiteMail mail;

    @Inject
    SubscriptionConfig config;

    @Inject
    MeterRegistry metrics;

    private final ExecutorService senders = Executors.newFixedThreadPool(2, r -> new Thread(r, "mailing-sender"));
    private final JobLoop loop = new JobLoop(MailingRunner.class);
    private CountGauge pending;
    private CountGauge active;

    /** Before the scheduler's first tick, which may come before the startup event reaches this bean. */
    @PostConstruct
    void registerGauges() {
        pending =
                CountGauge.register(metrics, "gdpr.mailing.recipients.pending", "Recipients of mailings still to send");
        active = CountGauge.register(metrics, "gdpr.mailing.jobs.active", "Mailings queued or running");
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.shutdown();
        senders.shutdownNow();
    }

    /** Stops sending after the batch in flight and returns once it is done (tests: a runner stopped mid-job). */
    public void stop() {
        loop.stop();
    }

    public void start() {
        loop.start();
    }

    @Scheduled(
            every = "${gdpr.subscription.mailing.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        loop.tick(this::tick);
    }

    private void tick() {
        planQueued();
        queue.resolveInDoubt(config.subscription().mailing().inDoubtAfter());
        int budget = JobLoop.budget(
                config.subscription().mailing().ratePerSecond(),
                config.subscription().mailing().checkEvery());
        for (MailingQueue.Running mailing : QuarkusTransaction.requiringNew().call(queue::running)) {
            while (budget > 0 && !loop.stopped()) {
                List<MailingQueue.Claimed> claimed = queue.claim(mailing.id(), Math.min(BATCH, budget));
                if (claimed.isEmpty()) {
                    break;
                }
                budget -= claimed.size();
                send(mailing, claimed);
            }
        }
        queue.completeFinished();
        QuarkusTransaction.requiringNew().run(() -> {
            long[] backlog = queue.backlog();
            pending.set(backlog[0]);
            active.set(backlog[1]);
        });
    }

    /** Each queued mailing planned in its own transaction; one that cannot be planned does not stop the others' sending. */
    private void planQueued() {
        try {
            while (queue.planNext()) {
                // the next one
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "a queued mailing could not be planned (%s); tried again next time",
                    e.getClass().getSimpleName());
        }
    }

    private void send(MailingQueue.Running mailing, List<MailingQueue.Claimed> claimed) {
        SubscriptionType type = mailing.typeKey() == null
                ? null
                : QuarkusTransaction.requiringNew().call(() -> types.get(mailing.typeKey()));
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (MailingQueue.Claimed recipient : claimed) {
            sending.add(CompletableFuture.runAsync(() -> sendOne(mailing, type, recipient), senders));
        }
        CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
    }

    private void sendOne(MailingQueue.Running mailing, SubscriptionType type, MailingQueue.Claimed recipient) {
        Audiences.Member member = new Audiences.Member(recipient.personId(), recipient.email());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (mailing.kind() == MailingJobs.Kind.MARKETING) {
                    mail.sendMailing(type, member, mailing.subject(), mailing.text());
                } else {
                    mail.sendInformation(member, mailing.subject(), mailing.text());
                }
                queue.sent(mailing.id(), recipient.personId());
            });
            metrics.counter("gdpr.mailing.mails", "outcome", "sent").increment();
        } catch (RuntimeException e) {
            // No address or content in the log: the mailing and the kind of failure only.
            LOG.warnf(
                    "mailing %s: a mail was refused (%s)",
                    mailing.id(), e.getClass().getSimpleName());
            boolean failed = queue.refused(
                    mailing.id(),
                    recipient.personId(),
                    config.subscription().mailing().maxAttempts(),
                    config.subscription().mailing().retryAfter());
            metrics.counter("gdpr.mailing.mails", "outcome", failed ? "failed" : "retry")
                    .increment();
        }
    }
}
