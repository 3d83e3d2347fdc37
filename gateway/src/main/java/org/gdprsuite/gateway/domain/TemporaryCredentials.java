package org.gdprsuite.gateway.domain;

import java.security.SecureRandom;

/** Random usernames and first-login passwords of new staff users; nothing in them derives from the person. */
public final class TemporaryCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "-_.!#%+";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;

    private TemporaryCredentials() {}

    /**
     * The account's username, also the token's {@code preferred_username} and so the access log's principal:
     * opaque, so that the log names no one once the directory's record is all that is left. Users sign in
     * with their email.
     */
    public static String username() {
        return "staff-" + pick(LOWER + DIGITS, 12);
    }

    /** 20 characters with at least one of each kind, so that common password policies accept it. */
    public static String password() {
        char[] password =
                (pick(LOWER, 1) + pick(UPPER, 1) + pick(DIGITS, 1) + pick(SYMBOLS, 1) + pick(ALL, 16)).toCharArray();
        for (int i = password.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char kept = password[i];
            password[i] = password[j];
            password[j] = kept;
        }
        return new String(password);
    }

    private static String pick(String alphabet, int length) {
        StringBuilder picked = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            picked.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return picked.toString();
    }
}
