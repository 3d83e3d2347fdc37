package org.gdprsuite.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gdprsuite.demo.DemoData.Consent;
import org.gdprsuite.demo.DemoData.Person;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest {

    private static final Instant NOW = Instant.parse("2026-02-10T14:30:00Z");
    private static final DemoData DATA = DemoData.generate(DemoData.SEED, DemoData.PERSONS, NOW);
    /** Stricter than contact-service's check: plain ASCII local parts and only the reserved example domains. */
    private static final Pattern EMAIL =
            Pattern.compile("^[a-z0-9]+([.-][a-z0-9]+)*@([a-z0-9-]+\\.)?example\\.(com|org|net)$");
    /** Ofcom drama numbers and US 555-0100..0199: ranges reserved for fiction. */
    private static final Pattern FICTITIOUS_PHONE = Pattern.compile(
            "^(\\+44 20 7946 0\\d{3}|\\+44 161 496 0\\d{3}|\\+44 7700 900\\d{3}|\\+1 \\d{3} 555 01\\d{2})$");

    @Test
    void sameSeedAndDaySameData() {
        DemoData again = DemoData.generate(DemoData.SEED, DemoData.PERSONS, NOW.plusSeconds(3600));
        assertEquals(DATA.organisations, again.organisations);
        assertEquals(DATA.persons, again.persons);
        assertEquals(DATA.activities, again.activities);
        assertEquals(DATA.consents, again.consents);
        assertEquals(DATA.subscriptions, again.subscriptions);
        assertEquals(DATA.globalOptOuts, again.globalOptOuts);
        assertNotEquals(DATA.persons, DemoData.generate(DemoData.SEED + 1, DemoData.PERSONS, NOW).persons);
    }

    @Test
    void personsAreRealisticAndFictitious() {
        assertEquals(DemoData.PERSONS, DATA.persons.size());
        assertEquals(DemoData.FEATURED_EMAIL, DATA.persons.get(0).email());
        Set<String> emails = new HashSet<>();
        for (Person p : DATA.persons) {
            assertTrue(EMAIL.matcher(p.email()).matches(), "email of person " + DATA.persons.indexOf(p));
            assertTrue(emails.add(p.email()), "emails are unique");
            assertTrue(p.phone() == null || FICTITIOUS_PHONE.matcher(p.phone()).matches(), p.phone());
            assertTrue(p.birthDate() == null || LocalDate.parse(p.birthDate()).isBefore(LocalDate.of(2005, 1, 1)));
            assertTrue(p.collectedAt().isBefore(NOW));
            assertTrue(p.organisation() >= 0 && p.organisation() < DATA.organisations.size());
        }
        assertTrue(DATA.organisations.stream().allMatch(o -> o.domain().endsWith(".example.com")));
        // A mix, as in a real base: every category, about a third with a birth date, a few health notes.
        Map<String, Long> categories =
                DATA.persons.stream().collect(Collectors.groupingBy(Person::category, Collectors.counting()));
        assertEquals(Set.of("CUSTOMER", "PROSPECT", "PARTNER", "SUPPLIER"), categories.keySet());
        assertBetween(count(DATA.persons, p -> p.birthDate() != null), 600, 1500);
        assertBetween(count(DATA.persons, p -> p.healthNotes() != null), 10, 100);
        assertBetween(count(DATA.persons, p -> p.phone() != null), 600, 2000);
        assertTrue(DATA.persons.stream().map(Person::lastName).distinct().count() > 50);
    }

    @Test
    void historyConsentsAndSubscriptionsAreMixed() {
        assertBetween(DATA.activities.size(), 1500, 3500);
        assertTrue(DATA.activities.stream()
                .allMatch(a -> !a.occurredAt().isAfter(NOW)
                        && !a.occurredAt().isBefore(DATA.persons.get(a.person()).collectedAt())));
        Map<String, Long> statuses =
                DATA.consents.stream().collect(Collectors.groupingBy(Consent::status, Collectors.counting()));
        assertEquals(Set.of("GRANTED", "WITHDRAWN", "PENDING_CONFIRMATION", "DENIED"), statuses.keySet());
        assertTrue(DATA.consents.stream()
                .map(Consent::purpose)
                .collect(Collectors.toSet())
                .containsAll(List.of(DemoData.NEWSLETTER, DemoData.EVENTS, DemoData.RESEARCH)));
        assertTrue(
                DATA.consents.stream()
                        .filter(c -> c.ip() != null)
                        .allMatch(c -> c.ip().matches("^(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}$")),
                "documentation IPs");
        assertTrue(DATA.subscriptions.stream().anyMatch(s -> !s.subscribed()));
        assertBetween(DATA.globalOptOuts.size(), 5, 100);
        assertFalse(DATA.globalOptOuts.contains(0), "the guide of the walkthrough stays reachable");
    }

    @Test
    void importsCoverEveryPersonOnceAndTheCsvHasNoFormulas() {
        List<Integer> imported = DATA.imports().stream()
                .flatMap(i -> i.persons().stream())
                .sorted()
                .toList();
        assertEquals(IntStream.range(0, DemoData.PERSONS).boxed().toList(), imported);
        List<UUID> organisationIds = DATA.organisations.stream()
                .map(o -> UUID.nameUUIDFromBytes(o.name().getBytes()))
                .toList();
        for (DemoData.Import batch : DATA.imports()) {
            String[] lines = DATA.csv(batch.persons(), organisationIds).split("\r\n");
            assertEquals(String.join(",", DemoData.CSV_HEADER), lines[0]);
            assertEquals(batch.persons().size() + 1, lines.length);
            int phone = DemoData.CSV_HEADER.indexOf("phone");
            for (int line = 1; line < lines.length; line++) {
                List<String> cells = cells(lines[line]);
                assertEquals(DemoData.CSV_HEADER.size(), cells.size(), "line " + line);
                for (int c = 0; c < cells.size(); c++) {
                    String cell = cells.get(c);
                    // OWASP CSV injection: =, +, -, @, tab and CR start formulas; a phone's '+' is followed by digits
                    // only.
                    assertFalse(
                            !cell.isEmpty()
                                    && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                                    && !(c == phone
                                            && FICTITIOUS_PHONE.matcher(cell).matches()),
                            "line " + line + " cell " + c);
                }
            }
        }
    }

    @Test
    void slugsAreAsciiAddresses() {
        assertEquals("wisniewska", DemoData.slug("Wiśniewska"));
        assertEquals("obrien", DemoData.slug("O'Brien"));
        assertEquals("de-vries", DemoData.slug("de Vries"));
        assertEquals("schafer", DemoData.slug("Schäfer"));
        assertEquals("yilmaz", DemoData.slug("Yılmaz"));
    }

    /** Cells of one CSV line (RFC 4180 quotes; the generator writes no line breaks inside cells). */
    private static List<String> cells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static <T> long count(List<T> items, Function<T, Boolean> which) {
        return items.stream().filter(which::apply).count();
    }

    private static void assertBetween(long value, long min, long max) {
        assertTrue(value >= min && value <= max, value + " not in [" + min + ", " + max + "]");
    }
}
