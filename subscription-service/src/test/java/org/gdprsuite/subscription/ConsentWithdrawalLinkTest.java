package org.gdprsuite.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.subscription.domain.MailLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.subscription.World.await;
import static org.gdprsuite.subscription.World.subscribe;
import static org.gdprsuite.subscription.World.type;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Withdrawal as easy as giving (Art. 7(3)): every mail that asks for or relies on consent (a consent request, a
 * mailing) and the preference centre link to consent-service's withdrawal page for the same person; mails that do
 * not (a breach notice) do not.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ConsentWithdrawalLinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WITHDRAWAL = "http://127.0.0.1:8080/public/consents/withdraw?token=";

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    SignedLinks links;

    @Inject
    MailLinks mailLinks;

    @Test
    void aConsentRequestCarriesTheLinkAndABreachNoticeDoesNot() {
        World world = new World(prefix);
        String email = "withdraw." + UUID.randomUUID() + "@example.org";
        UUID person = world.person(email);
        notify(person, "consent.request", Map.of("purpose", "Newsletter", "confirmLink", "http://x/confirm?token=c"));
        notify(
                person,
                "breach.notice",
                Map.of(
                        "reference",
                        "INC-9",
                        "nature",
                        "CONFIDENTIALITY",
                        "consequences",
                        "none",
                        "measures",
                        "none",
                        "dpoContact",
                        "dpo@example.org"));

        MailBox.Message request = MailBox.await(email, m -> m.subject().contains("confirm your consent"), WAIT);
        assertWithdrawalLinkFor(person, request);
        assertTrue(request.mime().contains("See and withdraw my consents"), request.mime());
        MailBox.Message breach = MailBox.await(email, m -> m.subject().contains("breach"), WAIT);
        assertFalse(breach.link("/public/consents/withdraw").isPresent(), breach.mime());
    }

    @Test
    void aMailingAndThePreferenceCentreCarryTheLink() {
        World world = new World(prefix);
        type("withdraw-news", "withdraw-newsletter");
        String email = "withdraw.reader." + UUID.randomUUID() + "@example.org";
        UUID person = world.person(email);
        world.consent(person, "withdraw-newsletter", true);
        subscribe(person, "withdraw-news", true);
        await(() -> SubscriptionsAndMailTest.audience("withdraw-news").contains(person.toString()), "in the audience");

        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "Withdrawal news", "text", "What is new"))
                .when()
                .post("/api/subscriptions/types/withdraw-news/mailings")
                .then()
                .statusCode(202);
        assertWithdrawalLinkFor(person, MailBox.await(email, m -> m.subject().equals("Withdrawal news"), WAIT));

        String preferences = mailLinks.preferencesLink(person);
        given().when()
                .get(preferences.substring(preferences.indexOf("/public")))
                .then()
                .statusCode(200)
                .body(containsString("See and withdraw my consents"))
                .body(containsString("href=\"" + WITHDRAWAL));
    }

    private void notify(UUID person, String template, Map<String, String> parameters) {
        KafkaProbe.send(
                prefix + Topics.NOTIFICATION_REQUESTS,
                person.toString(),
                EventCodec.toJson(CloudEvent.of(
                        "consent-service",
                        EventType.NOTIFICATION_REQUESTED,
                        person.toString(),
                        new NotificationRequested(template, person, null, null, parameters))));
    }

    /** The mail's withdrawal link points at the gateway's page and is signed for this person, in consent-service's scope. */
    private void assertWithdrawalLinkFor(UUID person, MailBox.Message mail) {
        String link = mail.link("/public/consents/withdraw?token=").orElseThrow(() -> new AssertionError(mail.mime()));
        assertTrue(link.startsWith(WITHDRAWAL), link);
        String token = URI.create(link).getQuery().substring("token=".length());
        assertEquals(person.toString(), links.verify(token, "consent-withdraw").subject());
    }
}
