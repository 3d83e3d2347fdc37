package org.gdprsuite.demo;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gdprsuite.testsupport.DemoUser;

/**
 * The demo data set: a B2B CRM of a few thousand fictitious persons in fictitious organisations, with their
 * activities, consents and subscriptions. Generated from a seed and a reference day, so that two runs on the
 * same day produce the same data and the unit test can check it. Everything is clearly fictitious: mail under
 * the reserved example.org/.com/.net domains (RFC 2606), phone numbers from ranges reserved for fiction (Ofcom
 * drama numbers, US 555-01xx), consent evidence from documentation IP ranges (RFC 5737).
 */
public final class DemoData {

    public static final long SEED = 20_250_601L;
    public static final int PERSONS = 3_000;

    /** The person the walkthrough follows: first of the data set, subject of the open request. */
    public static final String FEATURED_EMAIL = "erika.mustermann@example.org";

    /** Purposes of the consent catalogue (consent-service) and subscription types (subscription-service). */
    public static final String ACCOUNT_MANAGEMENT = "account-management";

    public static final String BUSINESS_CONTACTS = "business-contacts";
    public static final String NEWSLETTER = "newsletter";
    public static final String EVENTS = "event-invitations";
    public static final String RESEARCH = "product-research";
    public static final String NEWSLETTER_TYPE = "monthly-newsletter";
    public static final String EVENTS_TYPE = "events-and-webinars";
    public static final String OLD_NOTICE = "2023-09";
    public static final String NOTICE = "2025-03";

    /** {@code domain}: the company's mail domain, under example.com. */
    public record Organisation(String name, String domain, String country) {
        public String website() {
            return "https://www." + domain;
        }
    }

    public record Person(
            String firstName,
            String lastName,
            String email,
            String phone,
            String street,
            String postalCode,
            String city,
            String country,
            int organisation,
            String jobTitle,
            String category,
            String birthDate,
            String healthNotes,
            Instant collectedAt) {}

    public record Activity(int person, String type, String subject, String body, Instant occurredAt, DemoUser by) {}

    /** A consent decision; {@code MANUAL} ones are recorded by staff, the others arrive from integrating systems. */
    public record Consent(
            int person,
            String purpose,
            String status,
            Instant effectiveAt,
            String source,
            String channel,
            String noticeVersion,
            String formId,
            String ip,
            String userAgent) {}

    public record Subscription(int person, String type, boolean subscribed, String source) {}

    /** One CSV import: where the persons came from and the legal basis recorded for them. */
    public record Import(String source, String purpose, String legalBasis, List<Integer> persons) {}

    public final Instant now;
    public final List<Organisation> organisations = new ArrayList<>();
    public final List<Person> persons = new ArrayList<>();
    public final List<Activity> activities = new ArrayList<>();
    public final List<Consent> consents = new ArrayList<>();
    public final List<Subscription> subscriptions = new ArrayList<>();
    public final List<Integer> globalOptOuts = new ArrayList<>();

    /** The data set for the day of {@code now} (times are relative to its midnight, so a day's runs agree). */
    public static DemoData generate(long seed, int persons, Instant now) {
        return new DemoData(seed, persons, now.truncatedTo(ChronoUnit.DAYS));
    }

    /** The generators share one seeded source; the order they draw in below is part of the data set. */
    private DemoData(long seed, int count, Instant now) {
        this.now = now;
        Dice dice = new Dice(seed, now);
        PersonGenerator people = new PersonGenerator(dice, organisations, persons);
        people.organisations(40);
        people.featured();
        while (persons.size() < count) {
            people.person();
        }
        ActivityGenerator history = new ActivityGenerator(dice, persons, activities);
        ConsentGenerator decisions = new ConsentGenerator(dice, persons, consents, subscriptions, globalOptOuts);
        for (int i = 0; i < persons.size(); i++) {
            history.activities(i);
            decisions.consents(i);
        }
    }

    /** Customers are imported with their contract as legal basis, everyone else under legitimate interests. */
    public List<Import> imports() {
        return List.of(
                new Import(
                        "erp-migration",
                        ACCOUNT_MANAGEMENT,
                        "CONTRACT",
                        indices(i -> persons.get(i).category().equals("CUSTOMER"))),
                new Import(
                        "crm-migration",
                        BUSINESS_CONTACTS,
                        "LEGITIMATE_INTERESTS",
                        indices(i -> !persons.get(i).category().equals("CUSTOMER"))));
    }

    public static final List<String> CSV_HEADER = List.of(
            "firstName",
            "lastName",
            "email",
            "phone",
            "street",
            "postalCode",
            "city",
            "country",
            "organisationId",
            "jobTitle",
            "category",
            "owner",
            "birthDate",
            "healthNotes",
            "collectedAt");

    /** The CSV of contact-service's import: header of catalogue fields, one row per person (RFC 4180 quoting). */
    public String csv(List<Integer> rows, List<UUID> organisationIds) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (int row : rows) {
            Person p = persons.get(row);
            List<String> cells = List.of(
                    p.firstName(),
                    p.lastName(),
                    p.email(),
                    n(p.phone()),
                    p.street(),
                    p.postalCode(),
                    p.city(),
                    p.country(),
                    organisationIds.get(p.organisation()).toString(),
                    n(p.jobTitle()),
                    p.category(),
                    DemoUser.SALES.username(),
                    n(p.birthDate()),
                    n(p.healthNotes()),
                    p.collectedAt().toString());
            csv.append(cells.stream().map(DemoData::quoted).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private List<Integer> indices(IntPredicate which) {
        return IntStream.range(0, persons.size()).filter(which).boxed().toList();
    }

    /** A name as it appears in an address: ASCII letters and digits, words joined by '-'. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(
                        Map.of("ß", "ss", "ł", "l", "ı", "i").entrySet().stream()
                                .reduce(
                                        name.toLowerCase(Locale.ROOT),
                                        (s, e) -> s.replace(e.getKey(), e.getValue()),
                                        (a, b) -> a),
                        Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return ascii.replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }

    private static String quoted(String cell) {
        return cell.matches(".*[\",\r\n].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
