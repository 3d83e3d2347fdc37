package org.gdprsuite.demo;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.gdprsuite.demo.DemoData.Organisation;
import org.gdprsuite.demo.DemoData.Person;

import static org.gdprsuite.demo.Names.COMPANY_WORDS;
import static org.gdprsuite.demo.Names.FIRST_NAMES;
import static org.gdprsuite.demo.Names.JOB_TITLES;
import static org.gdprsuite.demo.Names.LAST_NAMES;
import static org.gdprsuite.demo.Names.SECTORS;

/** Draws the organisations and the persons working for them into the data set's lists. */
final class PersonGenerator {

    private static final List<String> HEALTH_NOTES = List.of(
            "Uses a wheelchair: book step-free venues for meetings and events.",
            "Severe nut allergy: inform the catering of events.",
            "Hearing impaired: prefers email to phone calls.",
            "Type 1 diabetes: needs breaks at full-day workshops.");

    private final Dice dice;
    private final List<Organisation> organisations;
    private final List<Person> persons;
    /** Addresses handed out so far: contact-service takes an e-mail address only once. */
    private final Set<String> emails = new HashSet<>();

    PersonGenerator(Dice dice, List<Organisation> organisations, List<Person> persons) {
        this.dice = dice;
        this.organisations = organisations;
        this.persons = persons;
    }

    void organisations(int count) {
        Set<String> names = new HashSet<>();
        while (organisations.size() < count) {
            Country country = Country.draw(dice);
            String base = dice.pick(COMPANY_WORDS) + " " + dice.pick(SECTORS);
            if (names.add(base)) {
                organisations.add(new Organisation(
                        base + " " + country.legalForm(), DemoData.slug(base) + ".example.com", country.code()));
            }
        }
    }

    /** Erika Mustermann, the German placeholder name: a customer with every kind of data the suite handles. */
    void featured() {
        int org = IntStream.range(0, organisations.size())
                .filter(i -> organisations.get(i).country().equals("DE"))
                .findFirst()
                .orElse(0);
        emails.add(DemoData.FEATURED_EMAIL);
        persons.add(new Person(
                "Erika",
                "Mustermann",
                DemoData.FEATURED_EMAIL,
                null,
                "Lindenstraße 12",
                "10969",
                "Berlin",
                "DE",
                org,
                "Head of Procurement",
                "CUSTOMER",
                "1964-08-12",
                null,
                dice.daysAgo(900)));
    }

    /** Most persons live in their organisation's country and have an address at its mail domain. */
    void person() {
        int org = dice.nextInt(organisations.size());
        Country country =
                dice.percent(85) ? Country.byCode(organisations.get(org).country()) : Country.draw(dice);
        String first = dice.pick(FIRST_NAMES);
        String last = dice.pick(LAST_NAMES);
        String domain =
                dice.percent(80) ? organisations.get(org).domain() : dice.nextBoolean() ? "example.org" : "example.net";
        String local = DemoData.slug(first) + "." + DemoData.slug(last);
        String email = local + "@" + domain;
        for (int n = 2; !emails.add(email); n++) {
            email = local + n + "@" + domain;
        }
        int roll = dice.nextInt(100);
        String category = roll < 40 ? "CUSTOMER" : roll < 80 ? "PROSPECT" : roll < 90 ? "PARTNER" : "SUPPLIER";
        String birthDate = dice.percent(category.equals("CUSTOMER") ? 45 : 20)
                ? LocalDate.ofInstant(dice.now, ZoneOffset.UTC)
                        .minusYears(22 + dice.nextInt(45))
                        .minusDays(dice.nextInt(365))
                        .toString()
                : null;
        String health = dice.nextInt(1000) < 15 ? dice.pick(HEALTH_NOTES) : null;
        persons.add(new Person(
                first,
                last,
                email,
                country.phone(dice),
                country.street(dice),
                country.postalCode(dice),
                country.city(dice),
                country.code(),
                org,
                dice.percent(85) ? dice.pick(JOB_TITLES) : null,
                category,
                birthDate,
                health,
                dice.daysAgo(30 + dice.nextInt(1600))));
    }
}
