package org.gdprsuite.demo;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.demo.DemoData.Consent;
import org.gdprsuite.demo.DemoData.Person;
import org.gdprsuite.demo.DemoData.Subscription;

import static org.gdprsuite.demo.DemoData.EVENTS;
import static org.gdprsuite.demo.DemoData.EVENTS_TYPE;
import static org.gdprsuite.demo.DemoData.NEWSLETTER;
import static org.gdprsuite.demo.DemoData.NEWSLETTER_TYPE;
import static org.gdprsuite.demo.DemoData.NOTICE;
import static org.gdprsuite.demo.DemoData.OLD_NOTICE;
import static org.gdprsuite.demo.DemoData.RESEARCH;

/** Draws each person's consent decisions and the subscription choices that follow from them. */
final class ConsentGenerator {

    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148");
    /** RFC 5737 documentation networks: evidence that looks real and belongs to nobody. */
    private static final List<String> DOCUMENTATION_NETS = List.of("192.0.2.", "198.51.100.", "203.0.113.");

    private final Dice dice;
    private final List<Person> persons;
    private final List<Consent> consents;
    private final List<Subscription> subscriptions;
    private final List<Integer> globalOptOuts;

    ConsentGenerator(
            Dice dice,
            List<Person> persons,
            List<Consent> consents,
            List<Subscription> subscriptions,
            List<Integer> globalOptOuts) {
        this.dice = dice;
        this.persons = persons;
        this.consents = consents;
        this.subscriptions = subscriptions;
        this.globalOptOuts = globalOptOuts;
    }

    /**
     * A mix as a real base has it: newsletter consent from the web form (some withdrawn later, some still
     * waiting for the double opt-in, some declined), event invitations, and research interviews agreed on the
     * phone with staff. Subscriptions follow the consents, plus a few legacy opt-ins without consent (the
     * audience leaves those out) and a few global opt-outs.
     */
    void consents(int person) {
        Instant since = persons.get(person).collectedAt();
        int roll = person == 0 ? 10 : dice.nextInt(100);
        if (roll < 55) {
            Instant granted = dice.between(since, dice.now);
            consents.add(webForm(person, NEWSLETTER, "GRANTED", granted, "newsletter-footer"));
            if (person != 0 && dice.percent(12)) {
                consents.add(new Consent(
                        person,
                        NEWSLETTER,
                        "WITHDRAWN",
                        dice.between(granted, dice.now),
                        "EMAIL",
                        "unsubscribe-link",
                        null,
                        null,
                        null,
                        null));
                subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, false, "EMAIL"));
            } else if (person == 0 || dice.percent(92)) {
                subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, true, "WEB"));
            }
        } else if (roll < 63) {
            consents.add(webForm(
                    person,
                    NEWSLETTER,
                    "PENDING_CONFIRMATION",
                    dice.between(dice.daysAgo(14), dice.now),
                    "newsletter-footer"));
        } else if (roll < 68) {
            consents.add(webForm(person, NEWSLETTER, "DENIED", dice.between(since, dice.now), "checkout"));
        } else if (roll < 72) {
            subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, true, "LETTER"));
        }
        if (person == 0 || dice.percent(25)) {
            Instant granted = dice.between(since, dice.now);
            consents.add(webForm(person, EVENTS, "GRANTED", granted, "event-signup"));
            if (person == 0 || dice.percent(15)) {
                consents.add(new Consent(
                        person,
                        EVENTS,
                        "WITHDRAWN",
                        dice.between(granted, dice.now),
                        "WEB_FORM",
                        "preference-centre",
                        NOTICE,
                        null,
                        null,
                        null));
            } else if (dice.percent(90)) {
                subscriptions.add(new Subscription(person, EVENTS_TYPE, true, "WEB"));
            }
        }
        if (person != 0 && dice.percent(4)) {
            consents.add(new Consent(
                    person,
                    RESEARCH,
                    "GRANTED",
                    dice.between(since, dice.now),
                    "MANUAL",
                    "phone",
                    NOTICE,
                    null,
                    null,
                    null));
        }
        if (person != 0 && dice.percent(1)) {
            globalOptOuts.add(person);
        }
    }

    private Consent webForm(int person, String purpose, String status, Instant at, String form) {
        return new Consent(
                person,
                purpose,
                status,
                at,
                "WEB_FORM",
                "website",
                at.isBefore(dice.daysAgo(400)) ? OLD_NOTICE : NOTICE,
                form,
                dice.pick(DOCUMENTATION_NETS) + (1 + dice.nextInt(254)),
                dice.pick(USER_AGENTS));
    }
}
