package org.gdprsuite.consent.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.domain.RecipientNotices;
import org.gdprsuite.consent.domain.RecipientNotices.Notice;
import org.gdprsuite.consent.domain.RecipientRegister;
import org.gdprsuite.consent.domain.WebhookSignature;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sends the due Art. 19 notices to the recipients' webhooks: a JSON POST signed with the recipient's key
 * ({@link WebhookSignature}). The body names the request, what was carried out, the purposes concerned and the
 * persons by the suite's person id only (the id under which their data was disclosed, nothing that says who they
 * are); a 2xx answer is success, anything else is retried with backoff. Logs name notices, never persons.
 */
@ApplicationScoped
public class RecipientWebhooks {

    private static final Logger LOG = Logger.getLogger(RecipientWebhooks.class);
    private static final int BATCH = 50;

    @Inject
    RecipientNotices notices;

    @Inject
    RecipientRegister recipients;

    @Inject
    ConsentConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Scheduled(
            every = "${gdpr.consent.recipients.dispatch-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        for (Notice notice : notices.claimDue(BATCH)) {
            String error = send(notice);
            notices.attempted(notice.id(), error);
            if (error != null) {
                LOG.warnf("Recipient notice %s not delivered: %s", notice.id(), error);
            }
        }
    }

    /** One attempt; null when the endpoint took the notice, else why not. */
    String send(Notice notice) {
        Optional<String> url;
        Optional<String> secret;
        try {
            url = Optional.ofNullable(
                    recipients.get(notice.recipientId()).recipient().webhookUrl());
            secret = recipients.secret(notice.recipientId());
        } catch (DomainProblem removed) {
            return "the recipient was removed from the register";
        }
        if (url.isEmpty() || secret.isEmpty()) {
            return "the recipient has no webhook endpoint or signing key";
        }
        long timestamp = clock.instant().getEpochSecond();
        String body = body(notice, timestamp);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.get()))
                .timeout(config.consent().recipients().timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "gdpr-suite-consent-service")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret.get(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "the endpoint answered " + status;
        } catch (IOException | IllegalArgumentException e) {
            return "the endpoint could not be reached (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String body(Notice notice, long timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notice.id());
        body.put("requestId", notice.requestId());
        body.put("kind", notice.kind());
        body.put("subjects", notice.personIds());
        body.put("purposes", notice.purposes());
        body.put("sentAt", timestamp);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
