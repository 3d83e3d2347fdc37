package org.gdprsuite.consent.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gdprsuite.events.InvalidEventException;

/**
 * How an integrating system names a subject: the suite's {@code personId}, an {@code email} address, or its own id
 * ({@code sourceSystem} + {@code externalId}); at least one, several when it knows several. Pure: the rules of
 * well-formed names and the identities they are indexed by, tested without a database.
 */
public record SubjectRef(UUID personId, String email, String sourceSystem, String externalId) {

    /** Local part, one @, a domain with a dot; no spaces. Enough to refuse what is surely not an address. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private static final int MAX_EMAIL = 254;

    /** A kind of identity other than the person id, as {@code subject_identity.kind} names it. */
    public enum Kind {
        EMAIL,
        EXTERNAL
    }

    /** An identity a subject is indexed by: its kind and the text that is hashed. */
    public record Identity(Kind kind, String text) {}

    /** A subject named in a way the suite cannot use: 422 over REST, a dead letter on Kafka; never quotes input. */
    public static class SubjectProblem extends InvalidEventException {

        private final String slug;

        public SubjectProblem(String slug, String message) {
            super(message);
            this.slug = slug;
        }

        public String slug() {
            return slug;
        }
    }

    public static SubjectRef ofPerson(UUID personId) {
        return new SubjectRef(personId, null, null, null);
    }

    /**
     * The reference with its address normalised (trimmed, lower case); {@link SubjectProblem} when it names no one
     * ({@code subject-required}), the address is malformed ({@code malformed-email}) or only half an external id
     * is given ({@code malformed-external-id}).
     */
    public SubjectRef normalized() {
        boolean system = sourceSystem != null && !sourceSystem.isBlank();
        boolean id = externalId != null && !externalId.isBlank();
        if (system != id) {
            throw new SubjectProblem("malformed-external-id", "an external id needs both sourceSystem and externalId");
        }
        String address = email == null || email.isBlank() ? null : normalizeEmail(email);
        if (personId == null && address == null && !system) {
            throw new SubjectProblem("subject-required", "name the subject by personId, email or external id");
        }
        return new SubjectRef(personId, address, system ? sourceSystem.strip() : null, id ? externalId.strip() : null);
    }

    /** Whether only the person id is given (the common case: no index to consult). */
    public boolean byPersonIdOnly() {
        return email == null && sourceSystem == null;
    }

    /** The identities of a normalised reference besides the person id: the address first. */
    public List<Identity> identities() {
        List<Identity> identities = new ArrayList<>(2);
        if (email != null) {
            identities.add(emailIdentity(email));
        }
        if (sourceSystem != null) {
            identities.add(new Identity(Kind.EXTERNAL, sourceSystem + "\n" + externalId));
        }
        return identities;
    }

    /** The identity of an address, normalised as {@link #normalized} does. */
    public static Identity emailIdentity(String email) {
        return new Identity(Kind.EMAIL, normalizeEmail(email));
    }

    /** The address trimmed and in lower case; {@link SubjectProblem} {@code malformed-email} if it is not one. */
    public static String normalizeEmail(String email) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_EMAIL || !EMAIL.matcher(address).matches()) {
            throw new SubjectProblem("malformed-email", "the email is not a well-formed address");
        }
        return address;
    }
}
