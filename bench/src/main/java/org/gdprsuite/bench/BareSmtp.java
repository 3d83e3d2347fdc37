package org.gdprsuite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * The mailing step's baseline: the same number of mails handed to the same SMTP server by a bare client, Vert.x'
 * mail client (the one the suite's mailer sends with) on kept-alive connections, as many in flight as the
 * service's mailing runner has senders. What is left of the mailing's time above it is the service's own work:
 * planning, claims, consent re-checks, opening sealed addresses, rendering, recording each outcome.
 */
final class BareSmtp implements AutoCloseable {

    /** The service's mailing runner sends on two threads, one mail each at a time. */
    static final int IN_FLIGHT = 2;

    private final Vertx vertx;
    private final MailClient client;

    BareSmtp(String host, int port) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        client = MailClient.create(
                vertx,
                new MailConfig()
                        .setHostname(host)
                        .setPort(port)
                        .setStarttls(StartTLSOptions.DISABLED)
                        .setKeepAlive(true)
                        .setMaxPoolSize(IN_FLIGHT));
    }

    /**
     * Sends one mail with {@code subject} to each address, {@link #IN_FLIGHT} at a time (each lane sends its
     * next when the server has accepted its last); returns how many the server refused.
     */
    long send(List<String> addresses, String from, String subject, String text) {
        AtomicLong refused = new AtomicLong();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < IN_FLIGHT; lane++) {
            lanes.add(lane(addresses, lane, from, subject, text, refused));
        }
        try {
            CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("the bare SMTP client did not finish", e);
        }
        return refused.get();
    }

    private CompletableFuture<Void> lane(
            List<String> addresses, int lane, String from, String subject, String text, AtomicLong refused) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        next(addresses, lane, from, subject, text, refused, done);
        return done;
    }

    private void next(
            List<String> addresses,
            int i,
            String from,
            String subject,
            String text,
            AtomicLong refused,
            CompletableFuture<Void> done) {
        if (i >= addresses.size()) {
            done.complete(null);
            return;
        }
        MailMessage mail = new MailMessage()
                .setFrom(from)
                .setTo(addresses.get(i))
                .setSubject(subject)
                .setText(text);
        client.sendMail(mail).onComplete(result -> {
            if (result.failed()) {
                refused.incrementAndGet();
            }
            next(addresses, i + IN_FLIGHT, from, subject, text, refused, done);
        });
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
