package org.gdprsuite.consent.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.config.ConsentConfig.InformationMail;
import org.gdprsuite.consent.config.ConsentConfig.PurposeMail;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.outbox.Outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The information mail (Art. 13/14): a person added under a basis other than consent is told which purposes they
 * are processed for and on which basis, with a link to the privacy notice and to the privacy centre. Purposes with
 * the same template share one mail; it is due the setting's delay after the person was created (at once by
 * default) and goes out through notification.requests (subscription-service opens the address). The row stays as
 * the person's record of having been told. The one place that reads and writes {@code information_mail}.
 */
@ApplicationScoped
public class InformationMails {

    /** erasure-service's privacy centre, through the gateway: see, correct, control and ask. */
    static final String PRIVACY_CENTRE = "/public/requests/centre";

    /** What the person's record (and their DSR export) says about a mail. */
    public record Informed(
            String template,
            List<String> purposes,
            Instant dueAt,
            Instant sentAt,
            String outcome,
            String noticeVersion) {}

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ConsentConfig config;

    @Inject
    Purposes purposes;

    @Inject
    PrivacyNotices notices;

    /**
     * A new person got {@code applied} (purposes whose default basis is not consent) at {@code createdAt}: their mails
     * are recorded, and sent now when due. Nothing when the setting is off or the person has no address.
     */
    @Transactional
    public void personCreated(UUID personId, List<Purpose> applied, Instant createdAt, boolean hasAddress) {
        InformationMail settings = config.consent().informationMail();
        if (!hasAddress) {
            return;
        }
        Map<String, List<String>> byTemplate = mails(applied, settings);
        Instant due = createdAt.plus(settings.delay());
        boolean now = !due.isAfter(clock.instant());
        byTemplate.forEach((template, keys) -> {
            UUID id = UUID.randomUUID();
            em.createNativeQuery("INSERT INTO information_mail (id, person_id, template, purposes, due_at)"
                            + " VALUES (?1, ?2, ?3, CAST(?4 AS text[]), ?5)")
                    .setParameter(1, id)
                    .setParameter(2, personId)
                    .setParameter(3, template)
                    .setParameter(4, "{" + String.join(",", keys) + "}")
                    .setParameter(5, Timestamp.from(due))
                    .executeUpdate();
            if (now) {
                send(id, personId, template, keys);
            }
        });
    }

    /**
     * The mails a new person is sent, by template, with the purposes each tells of: those of {@code applied} processed
     * on a basis other than consent whose mail is on; none when the setting is off.
     */
    static Map<String, List<String>> mails(List<Purpose> applied, InformationMail settings) {
        Map<String, List<String>> byTemplate = new LinkedHashMap<>();
        if (!settings.enabled()) {
            return byTemplate;
        }
        for (Purpose purpose : applied) {
            Optional<PurposeMail> own = Optional.ofNullable(settings.purposes().get(purpose.key));
            boolean withoutConsent = !purpose.consentRequired
                    && purpose.defaultLegalBasis != null
                    && purpose.defaultLegalBasis != LegalBasis.CONSENT;
            if (withoutConsent && own.map(PurposeMail::enabled).orElse(true)) {
                String template = own.flatMap(PurposeMail::template).orElse(settings.template());
                byTemplate.computeIfAbsent(template, t -> new ArrayList<>()).add(purpose.key);
            }
        }
        return byTemplate;
    }

    /** Sends the mails whose delay is over, a batch at a time; those of persons erased meanwhile are dropped. */
    @Scheduled(
            every = "${gdpr.consent.information-mail.check-every}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void sendDue() {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(
                        "SELECT m.id, m.person_id, m.template, array_to_string(m.purposes, ','),"
                                + " coalesce(s.erased, false) FROM information_mail m"
                                + " LEFT JOIN subject_state s ON s.person_id = m.person_id"
                                + " WHERE m.outcome IS NULL AND m.due_at <= ?1 ORDER BY m.due_at LIMIT 500"
                                + " FOR UPDATE OF m SKIP LOCKED")
                .setParameter(1, Timestamp.from(clock.instant()))
                .getResultList();
        for (Object[] row : due) {
            UUID id = (UUID) row[0];
            if ((Boolean) row[4]) {
                em.createNativeQuery("UPDATE information_mail SET outcome = 'DROPPED' WHERE id = ?1")
                        .setParameter(1, id)
                        .executeUpdate();
            } else {
                send(id, (UUID) row[1], (String) row[2], List.of(((String) row[3]).split(",")));
            }
        }
    }

    /** The mails a person was (or is to be) sent, oldest first. */
    public List<Informed> of(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT template, array_to_string(purposes, ','), due_at, sent_at, outcome, notice_version"
                                + " FROM information_mail WHERE person_id = ?1 ORDER BY due_at, id")
                .setParameter(1, personId)
                .getResultList();
        return rows.stream()
                .map(r -> new Informed(
                        (String) r[0],
                        List.of(((String) r[1]).split(",")),
                        ProcessingRegister.instant(r[2]),
                        ProcessingRegister.instant(r[3]),
                        (String) r[4],
                        (String) r[5]))
                .toList();
    }

    /** Names only the person: subscription-service, which keeps the address, opens it to send the mail. */
    private void send(UUID id, UUID personId, String template, List<String> keys) {
        Optional<PrivacyNotice> notice = notices.inForce(null);
        String noticeLink = notice.map(n -> notices.publicUrl(n.version)).orElse(notices.inForceUrl());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("purposes", keys.stream().map(this::described).collect(Collectors.joining("; ")));
        parameters.put("noticeLink", noticeLink);
        parameters.put(
                "privacyCentreLink",
                config.consent().informationMail().privacyCentreUrl().orElse(config.publicBaseUrl() + PRIVACY_CENTRE));
        notice.ifPresent(n -> parameters.put("noticeVersion", n.version));
        outbox.publish(
                EventType.NOTIFICATION_REQUESTED,
                personId.toString(),
                new NotificationRequested(template, personId, null, null, parameters));
        em.createNativeQuery(
                        "UPDATE information_mail SET outcome = 'SENT', sent_at = ?2, notice_version = ?3 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, notice.map(n -> n.version).orElse(null))
                .executeUpdate();
    }

    /** "Contract fulfilment (Art. 6(1)(b) GDPR)": the purpose's name and the basis it is processed on. */
    private String described(String key) {
        return purposes.find(key)
                .map(p -> p.name + (p.defaultLegalBasis == null ? "" : " (" + p.defaultLegalBasis.article() + ")"))
                .orElse(key);
    }
}
