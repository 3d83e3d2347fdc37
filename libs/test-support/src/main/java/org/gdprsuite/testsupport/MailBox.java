package org.gdprsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.net.QuotedPrintableCodec;

import static io.restassured.RestAssured.given;

/**
 * The mail the suite really sent, read from the GreenMail server of the local stack through its HTTP
 * API ({@code /api/user/<address>/messages}), as a person's mailbox would show it.
 */
public final class MailBox {

    public static final String API = "http://127.0.0.1:2580/api";

    private MailBox() {}

    /** A received message: subject and the raw MIME text (headers and bodies, quoted-printable decoded). */
    public record Message(String subject, String mime) {

        /** The first http(s) link in the message that contains {@code part}. */
        public Optional<String> link(String part) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("https?://[^\\s\"<>]+").matcher(mime);
            while (m.find()) {
                if (m.group().contains(part)) {
                    return Optional.of(m.group().replace("&amp;", "&"));
                }
            }
            return Optional.empty();
        }

        public Optional<String> header(String name) {
            for (String line : mime.split("\r?\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return Optional.of(line.substring(name.length() + 1).strip());
                }
            }
            return Optional.empty();
        }
    }

    public static List<Message> messages(String address) {
        Object body = given().baseUri(API)
                .when()
                .get("/user/" + address + "/messages")
                .then()
                .extract()
                .jsonPath()
                .get("$");
        if (!(body instanceof List<?> list)) {
            return List.of(); // no mail for this address yet (GreenMail answers with an error object)
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = (List<Map<String, Object>>) list;
        return raw.stream()
                .map(m -> new Message(String.valueOf(m.get("subject")), decode(String.valueOf(m.get("mimeMessage")))))
                .toList();
    }

    /** Waits until a message to {@code address} satisfies {@code wanted}. */
    public static Message await(String address, Predicate<Message> wanted, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Message> found = messages(address).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no such mail to " + address + " within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String decode(String mime) {
        try {
            String joined = mime.replace("=\r\n", "").replace("=\n", "");
            return new String(
                    new QuotedPrintableCodec(false).decode(joined.getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (DecoderException e) {
            return mime;
        }
    }
}
