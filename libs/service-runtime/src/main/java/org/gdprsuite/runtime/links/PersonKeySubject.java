package org.gdprsuite.runtime.links;

import java.util.UUID;

/**
 * The subject of a signed link about one thing of one person (a consent purpose, a subscription type):
 * {@code personId|key}, e.g. {@code 0f8f...|news}. The format is part of every link already mailed: it
 * must not change.
 */
public record PersonKeySubject(UUID personId, String key) {

    private static final char SEPARATOR = '|';

    /** The subject to sign with {@link SignedLinks#sign}. */
    public String encode() {
        return personId.toString() + SEPARATOR + key;
    }

    /**
     * The person and key a signed subject names. A UUID holds no '|': the first one ends the person, the
     * rest is the key. {@link IllegalArgumentException} if {@code subject} is not of this form.
     */
    public static PersonKeySubject decode(String subject) {
        int separator = subject.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("not a person|key subject");
        }
        return new PersonKeySubject(UUID.fromString(subject.substring(0, separator)), subject.substring(separator + 1));
    }
}
