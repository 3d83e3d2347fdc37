package org.gdprsuite.subscription.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;

/**
 * What selections filter on besides the category: the person's country, organisation, source and last activity,
 * opened from
 * their sealed event fields (null when absent or when the person was erased). A value contact-service could not
 * have written is a broken event, dead-lettered rather than half applied.
 */
record SelectionFacts(String country, UUID organisationId, String source, Instant lastActivityAt) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int SOURCE_MAX = 200;

    static SelectionFacts opened(
            SubjectCipher cipher,
            UUID person,
            String country,
            String organisationId,
            String source,
            String lastActivityAt) {
        String subject = person.toString();
        String openedCountry = open(cipher, subject, SealedFields.COUNTRY, country);
        String openedOrganisation = open(cipher, subject, SealedFields.ORGANISATION, organisationId);
        String openedSource = open(cipher, subject, SealedFields.SOURCE, source);
        String openedActivity = open(cipher, subject, SealedFields.LAST_ACTIVITY, lastActivityAt);
        if (openedCountry != null && !COUNTRY.matcher(openedCountry).matches()) {
            throw new InvalidEventException("country is not an ISO 3166-1 alpha-2 code");
        }
        if (openedSource != null && openedSource.length() > SOURCE_MAX) {
            throw new InvalidEventException("source is longer than " + SOURCE_MAX + " characters");
        }
        return new SelectionFacts(
                openedCountry, organisation(openedOrganisation), openedSource, instant(openedActivity));
    }

    private static UUID organisation(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("organisationId is not a uuid", e);
        }
    }

    private static Instant instant(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("lastActivityAt is not an ISO-8601 instant", e);
        }
    }

    private static String open(SubjectCipher cipher, String subject, String field, String value) {
        Optional<String> opened = cipher.openReceived(subject, field, value);
        return opened.orElse(null);
    }
}
