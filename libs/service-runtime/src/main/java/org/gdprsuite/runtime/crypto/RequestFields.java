package org.gdprsuite.runtime.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.SealedFields;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The personal values of a data-subject request on the bus (the requester's address, the codes and links mailed
 * to them), sealed by {@link SubjectCipher} under a data key of the request itself
 * ({@link SealedFields#requestSubject}) in the suite's key store. The orchestrator destroys that key a short
 * while after the request is closed; from then on no copy opens: not the topics' history, not their dead
 * letters, not a replay.
 */
@ApplicationScoped
public class RequestFields {

    @Inject
    SubjectCipher cipher;

    /** The mail with its address and parameter values sealed; {@link ShreddedException} once the key is gone. */
    public NotificationRequested seal(UUID requestId, NotificationRequested mail) {
        String subject = SealedFields.requestSubject(requestId);
        Map<String, String> parameters = new LinkedHashMap<>();
        if (mail.parameters() != null) {
            mail.parameters().forEach((name, value) -> parameters.put(name, sealed(subject, name, value)));
        }
        return new NotificationRequested(
                mail.template(),
                mail.personId(),
                sealed(subject, SealedFields.EMAIL, mail.email()),
                mail.locale(),
                parameters,
                subject);
    }

    /**
     * The mail opened; as it is if it is not sealed; empty if its request's key was destroyed (the request is
     * closed: the mail is no longer due). {@link InvalidEventException} if a value does not open (altered) or it
     * names a subject that is no request's.
     */
    public Optional<NotificationRequested> open(NotificationRequested mail) {
        String subject = mail.sealedFor();
        if (subject == null) {
            return Optional.of(mail);
        }
        requireRequest(subject);
        try {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (mail.parameters() != null) {
                for (Map.Entry<String, String> parameter : mail.parameters().entrySet()) {
                    Optional<String> value = cipher.openReceived(subject, parameter.getKey(), parameter.getValue());
                    if (gone(value, parameter.getValue())) {
                        return Optional.empty();
                    }
                    parameters.put(parameter.getKey(), value.orElse(null));
                }
            }
            Optional<String> email = cipher.openReceived(subject, SealedFields.EMAIL, mail.email());
            if (gone(email, mail.email())) {
                return Optional.empty();
            }
            return Optional.of(new NotificationRequested(
                    mail.template(), mail.personId(), email.orElse(null), mail.locale(), parameters, null));
        } catch (TamperedException e) {
            throw new InvalidEventException("a sealed field of the mail does not open", e);
        }
    }

    /** The subject's emails sealed for the request; {@link ShreddedException} once its key is gone. */
    public SubjectIds seal(UUID requestId, SubjectIds subject) {
        String sealedFor = SealedFields.requestSubject(requestId);
        return new SubjectIds(
                subject.personIds(),
                subject.emails().stream()
                        .map(email -> cipher.seal(sealedFor, SealedFields.EMAIL, email))
                        .toList());
    }

    /**
     * The subject with its emails opened; as it is if {@code sealedFor} is null; empty if the request's key was
     * destroyed. {@link InvalidEventException} as for a mail.
     */
    public Optional<SubjectIds> open(String sealedFor, SubjectIds subject) {
        if (sealedFor == null) {
            return Optional.of(subject);
        }
        requireRequest(sealedFor);
        try {
            List<String> emails = new ArrayList<>();
            for (String email : subject.emails()) {
                Optional<String> opened = cipher.openReceived(sealedFor, SealedFields.EMAIL, email);
                if (gone(opened, email)) {
                    return Optional.empty();
                }
                opened.ifPresent(emails::add);
            }
            return Optional.of(new SubjectIds(subject.personIds(), emails));
        } catch (TamperedException e) {
            throw new InvalidEventException("a sealed email of the command does not open", e);
        }
    }

    /** A rectification's new values sealed for the request; {@link ShreddedException} once its key is gone. */
    public Map<String, String> sealCorrections(UUID requestId, Map<String, String> corrections) {
        String sealedFor = SealedFields.requestSubject(requestId);
        Map<String, String> sealed = new LinkedHashMap<>();
        corrections.forEach((name, value) -> sealed.put(name, sealed(sealedFor, SealedFields.correction(name), value)));
        return sealed;
    }

    /**
     * A rectification's new values opened; as they are if {@code sealedFor} is null; empty if the request's key was
     * destroyed. {@link InvalidEventException} as for a mail.
     */
    public Optional<Map<String, String>> openCorrections(String sealedFor, Map<String, String> corrections) {
        if (sealedFor == null) {
            return Optional.of(corrections);
        }
        requireRequest(sealedFor);
        try {
            Map<String, String> opened = new LinkedHashMap<>();
            for (Map.Entry<String, String> correction : corrections.entrySet()) {
                Optional<String> value = cipher.openReceived(
                        sealedFor, SealedFields.correction(correction.getKey()), correction.getValue());
                if (gone(value, correction.getValue())) {
                    return Optional.empty();
                }
                opened.put(correction.getKey(), value.orElse(null));
            }
            return Optional.of(opened);
        } catch (TamperedException e) {
            throw new InvalidEventException("a sealed correction of the command does not open", e);
        }
    }

    private String sealed(String subject, String field, String value) {
        return value == null ? null : cipher.seal(subject, field, value);
    }

    /** A value was sent but does not open: its key was destroyed. */
    private static boolean gone(Optional<String> opened, String sent) {
        return opened.isEmpty() && sent != null;
    }

    /** A forged event must not make a consumer open a person's sealed values into a mail or a command. */
    private static void requireRequest(String subject) {
        if (!SealedFields.isRequestSubject(subject)) {
            throw new InvalidEventException("sealed for a subject that is no data-subject request");
        }
    }
}
