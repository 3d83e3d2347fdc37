package org.gdprsuite.events.payload;

import java.util.Map;
import java.util.UUID;

/**
 * Mail the suite must send (consent request, verification code, breach notice, export link).
 * The recipient's address travels only here, to the one service that sends mail.
 */
public record NotificationRequested(
        String template, UUID personId, String email, String locale, Map<String, String> parameters) {}
