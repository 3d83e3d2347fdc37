package org.gdprsuite.demo;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

    public record Person(String firstName, String lastName, String email, String phone, String street,
            String postalCode, String city, String country, int organisation, String jobTitle, String category,
            String birthDate, String healthNotes, Instant collectedAt) {
    }

    public record Activity(int person, String type, String subject, String body, Instant occurredAt, DemoUser by) {
    }

    /** A consent decision; {@code MANUAL} ones are recorded by staff, the others arrive from integrating systems. */
    public record Consent(int person, String purpose, String status, Instant effectiveAt, String source,
            String channel, String noticeVersion, String formId, String ip, String userAgent) {
    }

    public record Subscription(int person, String type, boolean subscribed, String source) {
    }

    /** One CSV import: where the persons came from and the legal basis recorded for them. */
    public record Import(String source, String purpose, String legalBasis, List<Integer> persons) {
    }

    /** Each country with the cities, street pattern, postal-code shape and legal form of its companies. */
    private record Country(String code, String legalForm, List<String> cities, String street, String postalCode) {
    }

    private static final List<Country> COUNTRIES = List.of(
            new Country("GB", "Ltd", List.of("London", "Manchester", "Leeds", "Bristol", "Edinburgh"), "# % Street", "LL# #LL"),
            new Country("US", "Inc.", List.of("New York", "Chicago", "Austin", "Seattle", "Boston"), "# % Avenue", "#####"),
            new Country("DE", "GmbH", List.of("Berlin", "Hamburg", "München", "Köln", "Leipzig"), "%straße #", "#####"),
            new Country("FR", "SAS", List.of("Paris", "Lyon", "Lille", "Nantes"), "# rue des %s", "#####"),
            new Country("NL", "B.V.", List.of("Amsterdam", "Utrecht", "Rotterdam"), "%straat #", "#### LL"),
            new Country("IE", "Ltd", List.of("Dublin", "Cork", "Galway"), "# % Road", "L## L###"));
    private static final int[] COUNTRY_WEIGHTS = { 30, 20, 20, 10, 10, 10 };

    private static final List<String> STREET_NAMES = List.of("Linden", "Maple", "Birch", "Mill", "Harbour", "Garden",
            "Rose", "Church", "Station", "Meadow", "Elm", "Chestnut", "Orchard", "Willow", "Park");
    private static final List<String> FIRST_NAMES = List.of("Olivia", "Liam", "Emma", "Noah", "Sophie", "Lucas",
            "Mia", "Elias", "Hannah", "Jonas", "Chloé", "Hugo", "Léa", "Mathis", "Saoirse", "Cian", "Aoife", "Oisín",
            "Amelia", "Oliver", "Isla", "Jack", "Grace", "Harry", "Zoë", "Daan", "Fenna", "Sem", "Lotte", "Finn",
            "Aisha", "Omar", "Priya", "Arjun", "Mei", "Wei", "Yuki", "Kenji", "Sofia", "Mateo", "Camila", "Diego",
            "Nora", "Erik", "Ingrid", "Lars", "Ana", "João", "Marta", "Paweł", "Zofia", "Tomasz", "Fatma", "Emre",
            "Amara", "Kwame", "Leila", "Samir", "Clara", "Felix", "Greta", "Anton", "Julia", "Maximilian");
    private static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Johnson", "Miller", "Davis", "Garcia", "Martinez", "Anderson", "Müller", "Schmidt", "Schneider",
            "Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau",
            "Laurent", "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Murphy", "O'Brien",
            "Kelly", "Byrne", "Ryan", "Walsh", "Nowak", "Kowalski", "Wiśniewska", "Novák", "Horvat", "Yılmaz",
            "Kaya", "Rossi", "Russo", "Ferrari", "Andersson", "Johansson", "Nielsen", "Hansen", "Silva", "Santos",
            "Fernández", "López", "Patel", "Sharma", "Khan", "Chen", "Wang", "Tanaka", "Sato", "Okafor", "Mensah",
            "Haddad", "Cohen", "Novak", "Popescu", "Ivanova", "Petrov", "Nguyen");
    private static final List<String> COMPANY_WORDS = List.of("Northwind", "Bluefield", "Silverline", "Harbourview",
            "Kestrel", "Lindenberg", "Oakridge", "Riverbend", "Stonebridge", "Brightwater", "Falkenried", "Meridian",
            "Evergreen", "Larkspur", "Copperleaf", "Westmoor", "Tidewater", "Aldergrove", "Clearpoint", "Sunvale",
            "Greystone", "Rosenthal", "Marigold", "Ironbark");
    private static final List<String> SECTORS = List.of("Logistics", "Analytics", "Foods", "Engineering",
            "Health Services", "Software", "Textiles", "Energy", "Consulting", "Robotics", "Publishing", "Architects",
            "Travel", "Insurance Brokers");
    private static final List<String> JOB_TITLES = List.of("Head of Procurement", "Purchasing Manager", "CFO", "CTO",
            "Operations Manager", "Marketing Director", "IT Administrator", "Office Manager", "Sales Director",
            "Project Lead", "Accountant", "Data Protection Coordinator", "Facility Manager", "Managing Director",
            "HR Business Partner", "Product Owner", "Logistics Coordinator", "Software Engineer");
    private static final List<String> HEALTH_NOTES = List.of(
            "Uses a wheelchair: book step-free venues for meetings and events.",
            "Severe nut allergy: inform the catering of events.",
            "Hearing impaired: prefers email to phone calls.",
            "Type 1 diabetes: needs breaks at full-day workshops.");
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148");
    /** RFC 5737 documentation networks: evidence that looks real and belongs to nobody. */
    private static final List<String> DOCUMENTATION_NETS = List.of("192.0.2.", "198.51.100.", "203.0.113.");
    private static final String[][] SALES_ACTIVITIES = {
            { "CALL", "Intro call", "Talked about current tooling and budget; asked for a proposal by end of month." },
            { "CALL", "Renewal call", "Discussed renewal of the annual licence; wants a quote for five more seats." },
            { "MEETING", "Demo on site", "Demo for the team; questions on SSO and data residency. Next: trial account." },
            { "MEETING", "Quarterly business review", "Reviewed usage and open tickets; happy overall, wants better reports." },
            { "EMAIL", "Proposal sent", "Sent the proposal and the data processing agreement for review." },
            { "EMAIL", "Follow-up", "Followed up on the proposal; decision expected next quarter." } };
    private static final String[][] SUPPORT_ACTIVITIES = {
            { "TICKET", "Login problem", "Could not log in after the password reset; reset the MFA device, solved." },
            { "TICKET", "Invoice question", "Asked for a corrected invoice address; finance informed." },
            { "TICKET", "Export too slow", "CSV export times out for large reports; workaround sent, bug filed." },
            { "NOTE", "Prefers email", "Prefers to be contacted by email, not before 10:00." },
            { "NOTE", "Moved to new office", "New delivery address from next month, see street and city." } };

    public final Instant now;
    public final List<Organisation> organisations = new ArrayList<>();
    public final List<Person> persons = new ArrayList<>();
    public final List<Activity> activities = new ArrayList<>();
    public final List<Consent> consents = new ArrayList<>();
    public final List<Subscription> subscriptions = new ArrayList<>();
    public final List<Integer> globalOptOuts = new ArrayList<>();

    private final Random random;
    private final Set<String> emails = new HashSet<>();

    /** The data set for the day of {@code now} (times are relative to its midnight, so a day's runs agree). */
    public static DemoData generate(long seed, int persons, Instant now) {
        return new DemoData(seed, persons, now.truncatedTo(ChronoUnit.DAYS));
    }

    private DemoData(long seed, int count, Instant now) {
        this.now = now;
        this.random = new Random(seed);
        organisations(40);
        featured();
        while (persons.size() < count) {
            person();
        }
        for (int i = 0; i < persons.size(); i++) {
            activities(i);
            consents(i);
        }
    }

    /** Customers are imported with their contract as legal basis, everyone else under legitimate interests. */
    public List<Import> imports() {
        return List.of(
                new Import("erp-migration", ACCOUNT_MANAGEMENT, "CONTRACT", indices(i -> persons.get(i).category().equals("CUSTOMER"))),
                new Import("crm-migration", BUSINESS_CONTACTS, "LEGITIMATE_INTERESTS", indices(i -> !persons.get(i).category().equals("CUSTOMER"))));
    }

    public static final List<String> CSV_HEADER = List.of("firstName", "lastName", "email", "phone", "street",
            "postalCode", "city", "country", "organisationId", "jobTitle", "category", "owner", "birthDate",
            "healthNotes", "collectedAt");

    /** The CSV of contact-service's import: header of catalogue fields, one row per person (RFC 4180 quoting). */
    public String csv(List<Integer> rows, List<UUID> organisationIds) {
        StringBuilder csv = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
        for (int row : rows) {
            Person p = persons.get(row);
            List<String> cells = List.of(p.firstName(), p.lastName(), p.email(), n(p.phone()), p.street(), p.postalCode(),
                    p.city(), p.country(), organisationIds.get(p.organisation()).toString(), n(p.jobTitle()), p.category(),
                    DemoUser.SALES.username(), n(p.birthDate()), n(p.healthNotes()), p.collectedAt().toString());
            csv.append(cells.stream().map(DemoData::quoted).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private List<Integer> indices(IntPredicate which) {
        return IntStream.range(0, persons.size()).filter(which).boxed().toList();
    }

    private void organisations(int count) {
        Set<String> names = new HashSet<>();
        while (organisations.size() < count) {
            Country country = country();
            String base = pick(COMPANY_WORDS) + " " + pick(SECTORS);
            if (names.add(base)) {
                organisations.add(new Organisation(base + " " + country.legalForm(), slug(base) + ".example.com", country.code()));
            }
        }
    }

    /** Erika Mustermann, the German placeholder name: a customer with every kind of data the suite handles. */
    private void featured() {
        int org = IntStream.range(0, organisations.size()).filter(i -> organisations.get(i).country().equals("DE"))
                .findFirst().orElse(0);
        emails.add(FEATURED_EMAIL);
        persons.add(new Person("Erika", "Mustermann", FEATURED_EMAIL, null, "Lindenstraße 12", "10969", "Berlin", "DE",
                org, "Head of Procurement", "CUSTOMER", "1964-08-12", null, daysAgo(900)));
    }

    private void person() {
        int org = random.nextInt(organisations.size());
        Country country = random.nextInt(100) < 85 ? byCode(organisations.get(org).country()) : country();
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        String domain = random.nextInt(100) < 80 ? organisations.get(org).domain()
                : random.nextBoolean() ? "example.org" : "example.net";
        String local = slug(first) + "." + slug(last);
        String email = local + "@" + domain;
        for (int n = 2; !emails.add(email); n++) {
            email = local + n + "@" + domain;
        }
        int roll = random.nextInt(100);
        String category = roll < 40 ? "CUSTOMER" : roll < 80 ? "PROSPECT" : roll < 90 ? "PARTNER" : "SUPPLIER";
        String birthDate = random.nextInt(100) < (category.equals("CUSTOMER") ? 45 : 20)
                ? LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(22 + random.nextInt(45)).minusDays(random.nextInt(365)).toString()
                : null;
        String health = random.nextInt(1000) < 15 ? pick(HEALTH_NOTES) : null;
        persons.add(new Person(first, last, email, phone(country.code()), address(country.street()), shape(country.postalCode()),
                pick(country.cities()), country.code(), org, random.nextInt(100) < 85 ? pick(JOB_TITLES) : null, category,
                birthDate, health, daysAgo(30 + random.nextInt(1600))));
    }

    /** About two thirds of the persons have a history: sales calls and meetings, support tickets and notes. */
    private void activities(int person) {
        int count = person == 0 ? 3 : random.nextInt(100) < 35 ? 0 : 1 + random.nextInt(person % 5 == 0 ? 3 : 1);
        Instant since = persons.get(person).collectedAt();
        for (int i = 0; i < count; i++) {
            boolean sales = person == 0 ? i < 2 : random.nextInt(100) < 70;
            String[] what = sales ? pick(SALES_ACTIVITIES) : pick(SUPPORT_ACTIVITIES);
            activities.add(new Activity(person, what[0], what[1], what[2], between(since, now),
                    sales ? DemoUser.SALES : DemoUser.SUPPORT));
        }
    }

    /**
     * A mix as a real base has it: newsletter consent from the web form (some withdrawn later, some still
     * waiting for the double opt-in, some declined), event invitations, and research interviews agreed on the
     * phone with staff. Subscriptions follow the consents, plus a few legacy opt-ins without consent (the
     * audience leaves those out) and a few global opt-outs.
     */
    private void consents(int person) {
        Instant since = persons.get(person).collectedAt();
        int roll = person == 0 ? 10 : random.nextInt(100);
        if (roll < 55) {
            Instant granted = between(since, now);
            consents.add(webForm(person, NEWSLETTER, "GRANTED", granted, "newsletter-footer"));
            if (person != 0 && random.nextInt(100) < 12) {
                consents.add(new Consent(person, NEWSLETTER, "WITHDRAWN", between(granted, now), "EMAIL", "unsubscribe-link",
                        null, null, null, null));
                subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, false, "EMAIL"));
            } else if (person == 0 || random.nextInt(100) < 92) {
                subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, true, "WEB"));
            }
        } else if (roll < 63) {
            consents.add(webForm(person, NEWSLETTER, "PENDING_CONFIRMATION", between(daysAgo(14), now), "newsletter-footer"));
        } else if (roll < 68) {
            consents.add(webForm(person, NEWSLETTER, "DENIED", between(since, now), "checkout"));
        } else if (roll < 72) {
            subscriptions.add(new Subscription(person, NEWSLETTER_TYPE, true, "LETTER"));
        }
        if (person == 0 || random.nextInt(100) < 25) {
            Instant granted = between(since, now);
            consents.add(webForm(person, EVENTS, "GRANTED", granted, "event-signup"));
            if (person == 0 || random.nextInt(100) < 15) {
                consents.add(new Consent(person, EVENTS, "WITHDRAWN", between(granted, now), "WEB_FORM", "preference-centre",
                        NOTICE, null, null, null));
            } else if (random.nextInt(100) < 90) {
                subscriptions.add(new Subscription(person, EVENTS_TYPE, true, "WEB"));
            }
        }
        if (person != 0 && random.nextInt(100) < 4) {
            consents.add(new Consent(person, RESEARCH, "GRANTED", between(since, now), "MANUAL", "phone", NOTICE, null, null,
                    null));
        }
        if (person != 0 && random.nextInt(100) < 1) {
            globalOptOuts.add(person);
        }
    }

    private Consent webForm(int person, String purpose, String status, Instant at, String form) {
        return new Consent(person, purpose, status, at, "WEB_FORM", "website",
                at.isBefore(daysAgo(400)) ? OLD_NOTICE : NOTICE, form,
                pick(DOCUMENTATION_NETS) + (1 + random.nextInt(254)), pick(USER_AGENTS));
    }

    /** Numbers reserved for fiction: Ofcom's drama ranges (London, Manchester, mobile) and US 555-0100..0199. */
    private String phone(String country) {
        if (random.nextInt(100) >= 75) {
            return null;
        }
        return switch (country) {
            case "GB" -> pick(List.of("+44 20 7946 0", "+44 161 496 0", "+44 7700 900")) + digits(3);
            case "US" -> "+1 " + pick(List.of("212", "312", "512", "206", "617")) + " 555 01" + digits(2);
            default -> null;
        };
    }

    private String address(String pattern) {
        return pattern.replace("#", Integer.toString(1 + random.nextInt(120))).replace("%", pick(STREET_NAMES));
    }

    /** A postal code of a country's shape: # a digit, L a capital letter. */
    private String shape(String pattern) {
        StringBuilder code = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            code.append(c == '#' ? (char) ('0' + random.nextInt(10)) : c == 'L' ? (char) ('A' + random.nextInt(26)) : c);
        }
        return code.toString();
    }

    private String digits(int count) {
        return shape("#".repeat(count));
    }

    private Country country() {
        int roll = random.nextInt(100);
        for (int i = 0; i < COUNTRIES.size(); i++) {
            roll -= COUNTRY_WEIGHTS[i];
            if (roll < 0) {
                return COUNTRIES.get(i);
            }
        }
        return COUNTRIES.get(0);
    }

    private static Country byCode(String code) {
        return COUNTRIES.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private Instant daysAgo(int days) {
        return now.minus(days, ChronoUnit.DAYS);
    }

    /** A minute between two instants, never in the future. */
    private Instant between(Instant from, Instant to) {
        long minutes = Math.max(1, ChronoUnit.MINUTES.between(from, to));
        return from.plus(1 + (long) (random.nextDouble() * (minutes - 1)), ChronoUnit.MINUTES);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A name as it appears in an address: ASCII letters and digits, words joined by '-'. */
    static String slug(String name) {
        String ascii = Normalizer.normalize(Map.of("ß", "ss", "ł", "l", "ı", "i").entrySet().stream()
                .reduce(name.toLowerCase(Locale.ROOT), (s, e) -> s.replace(e.getKey(), e.getValue()), (a, b) -> a),
                Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }

    private static String quoted(String cell) {
        return cell.matches(".*[\",\r\n].*") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
