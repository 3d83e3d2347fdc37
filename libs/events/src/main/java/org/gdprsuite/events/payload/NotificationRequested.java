package org.gdprsuite.events.payload;

import java.util.Map;
import java.util.UUID;

/**
 * Mail the suite must send (consent request, verification code, breach notice, export link).
 * The recipient's address travels only here, to the one service that sends mail. With {@code sealedFor} set,
 * {@code email} and every value of {@code parameters} travel sealed under that subject's data key (field
 * {@link SealedFields#EMAIL}, or the parameter's name): a data-subject request's mail (its codes and links),
 * unreadable on the bus once the request's key is destroyed. Without it (older events, mails to persons the
 * sender knows by id) they travel as they are.
 */
public record NotificationRequested(
        String template, UUID personId, String email, String locale, Map<String, String> parameters, String sealedFor) {

    /** A mail whose fields travel as they are. */
    public NotificationRequested(
            String template, UUID personId, String email, String locale, Map<String, String> parameters) {
        this(template, personId, email, locale, parameters, null);
    }
}
