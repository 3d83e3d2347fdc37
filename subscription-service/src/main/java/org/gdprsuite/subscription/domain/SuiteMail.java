package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.gdprsuite.events.EventType;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.outbox.Outbox;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The suite's mail: every {@code notification.requested} becomes a real mail over SMTP, rendered from
 * the template it names (plain text and HTML). The address comes with the request or, when only the
 * person is named, from the local contact read model, where it is kept sealed with the person's data key
 * (a mail whose address has not arrived yet waits for it). Mailings to an audience carry the RFC 8058
 * one-click unsubscribe headers. Nothing of the content or the address is logged.
 */
@ApplicationScoped
public class SuiteMail {

    /** The templates other services may ask for, and their subject lines. */
    public enum Template {
        CONSENT_REQUEST("consent.request", "Please confirm your consent", true),
        DSR_VERIFICATION("dsr.verification", "Confirm your request about your personal data", false),
        DSR_EXPORT_READY("dsr.export-ready", "Your personal data is ready to download", false),
        DSR_EXTENDED("dsr.extended", "We need more time for your request", false),
        DSR_COMPLETED("dsr.completed", "Your request is completed", false),
        BREACH_NOTICE("breach.notice", "Important: a personal-data breach concerning you", false),
        /** Art. 13/14: a person added under a basis other than consent is told (consent-service's information mail). */
        INFORMATION_NOTICE("information.notice", "How we process your personal data", false);

        final String key;
        final String subject;
        /** A mail that asks for or relies on consent carries the link to withdraw it (Art. 7(3)). */
        final boolean aboutConsent;

        Template(String key, String subject, boolean aboutConsent) {
            this.key = key;
            this.subject = subject;
            this.aboutConsent = aboutConsent;
        }

        static Template of(String key) {
            return Arrays.stream(values())
                    .filter(t -> t.key.equals(key))
                    .findFirst()
                    .orElseThrow(() -> new InvalidEventException("unknown mail template"));
        }
    }

    @Inject
    Mailer mailer;

    private final ExecutorService sender = Executors.newFixedThreadPool(2, r -> new Thread(r, "mail-sender"));

    @Inject
    Engine qute;

    @Inject
    EntityManager em;

    @Inject
    MailLinks links;

    @Inject
    Clock clock;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @Inject
    Outbox outbox;

    @Inject
    SubjectCipher cipher;

    /** Sends the mail a service asked for. */
    @Transactional
    public void send(NotificationRequested request) {
        Template template = Template.of(request.template());
        if (request.email() == null && request.personId() != null) {
            lockPerson(request.personId());
        }
        String address = request.email() != null ? request.email() : addressOf(request.personId());
        if (address == null) {
            if (request.personId() == null) {
                throw new InvalidEventException("a mail needs an address or a person");
            }
            keepUntilAddressKnown(request);
            return;
        }
        Map<String, Object> data = new HashMap<>(request.parameters() == null ? Map.of() : request.parameters());
        if (request.personId() != null) {
            data.put("preferencesLink", links.preferencesLink(request.personId()));
            if (template.aboutConsent) {
                data.put("withdrawalLink", links.withdrawalLink(request.personId()));
            }
        }
        MailBodies.Body body = MailBodies.render(qute, template.key, data);
        deliver(Mail.withText(address, template.subject, body.text()).setHtml(body.html()));
        log(template.key, request.personId());
    }

    /**
     * The address of a person arrived: the mail that waited for it goes back on the mail queue (through
     * the outbox), to be sent by the mail consumer like any other.
     */
    @Transactional
    public void releasePending(UUID personId) {
        lockPerson(personId);
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery(
                        "SELECT id, request FROM pending_mail WHERE person_id = ?1 ORDER BY id")
                .setParameter(1, personId)
                .getResultList();
        for (Object[] row : pending) {
            em.createNativeQuery("DELETE FROM pending_mail WHERE id = ?1")
                    .setParameter(1, row[0])
                    .executeUpdate();
            outbox.publish(EventType.NOTIFICATION_REQUESTED, personId.toString(), read((String) row[1]));
        }
    }

    /** Erased persons are not mailed: what waited for them is dropped. */
    @Transactional
    public void dropPending(Collection<UUID> personIds) {
        em.createNativeQuery("DELETE FROM pending_mail WHERE person_id = ANY(CAST(?1 AS uuid[]))")
                .setParameter(1, personIds.toArray(UUID[]::new))
                .executeUpdate();
    }

    /**
     * Mail for a person and the arrival of their address come from two consumers at once: this lock
     * serializes them per person, so a mail is either sent to the known address or waits and is released.
     */
    private void lockPerson(UUID personId) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, personId.toString())
                .getSingleResult();
    }

    private void keepUntilAddressKnown(NotificationRequested request) {
        em.createNativeQuery("INSERT INTO pending_mail (person_id, request, created_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, request.personId())
                .setParameter(2, write(request))
                .setParameter(3, clock.instant())
                .executeUpdate();
    }

    private String write(NotificationRequested request) {
        try {
            return json.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private NotificationRequested read(String stored) {
        try {
            return json.readValue(stored, NotificationRequested.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A marketing mail to one member of an audience (who is in it by consent or another basis), with the one-click
     * unsubscribe of RFC 8058 and the link to withdraw consents.
     */
    @Transactional
    public void sendMailing(SubscriptionType type, Audiences.Member member, String subject, String text) {
        String unsubscribe = links.unsubscribeLink(member.personId(), type.key);
        Map<String, Object> data = Map.of(
                "text",
                text,
                "typeName",
                type.name,
                "unsubscribeLink",
                unsubscribe,
                "preferencesLink",
                links.preferencesLink(member.personId()),
                "withdrawalLink",
                links.withdrawalLink(member.personId()));
        MailBodies.Body body = MailBodies.render(qute, "mailing", data);
        deliver(Mail.withText(member.email(), subject, body.text())
                .setHtml(body.html())
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        log("mailing:" + type.key, member.personId());
    }

    /**
     * An information mail to a person of a selection (Art. 13/14: about the processing of their data), sent without
     * consent, so without an unsubscribe: the preference centre is linked.
     */
    @Transactional
    public void sendInformation(Audiences.Member member, String subject, String text) {
        Map<String, Object> data = Map.of("text", text, "preferencesLink", links.preferencesLink(member.personId()));
        MailBodies.Body body = MailBodies.render(qute, "information", data);
        deliver(Mail.withText(member.email(), subject, body.text()).setHtml(body.html()));
        log("information", member.personId());
    }

    /**
     * Hands a mail to the SMTP server and waits for its answer. The wait happens on a thread of our own:
     * the Vert.x mail client must not answer on the ordered Kafka worker that is waiting for it.
     */
    private void deliver(Mail mail) {
        try {
            CompletableFuture.runAsync(() -> mailer.send(mail), sender).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "SMTP delivery failed: " + e.getCause().getClass().getName());
        } catch (TimeoutException e) {
            throw new IllegalStateException("SMTP delivery timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending mail");
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        sender.shutdownNow();
    }

    /** The person's address from the read model, opened; null if unknown or the person was erased. */
    private String addressOf(UUID personId) {
        if (personId == null) {
            return null;
        }
        String kept = (String)
                em.createNativeQuery("SELECT email FROM contact_read_model WHERE person_id = ?1 AND NOT anonymized")
                        .setParameter(1, personId)
                        .getResultStream()
                        .findFirst()
                        .orElse(null);
        return cipher.openReceived(personId.toString(), SealedFields.EMAIL, kept)
                .orElse(null);
    }

    private void log(String template, UUID personId) {
        em.createNativeQuery("INSERT INTO mail_log (template, person_id, sent_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, template)
                .setParameter(2, personId)
                .setParameter(3, clock.instant())
                .executeUpdate();
    }
}
