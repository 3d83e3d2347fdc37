package org.gdprsuite.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import static org.gdprsuite.bench.SoakChecks.count;

/** The soak's person edits, round-robin over a few persons, and afterwards whether the last edit of each was kept. */
final class SoakEdits {

    private final Http http;
    private final Supplier<String> salesToken;
    private final List<UUID> persons;
    private final Map<UUID, String> lastTitle = new ConcurrentHashMap<>();
    private final AtomicLong editNo = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong editErrors = new AtomicLong();

    /** Creates the persons to edit. */
    SoakEdits(Http http, Supplier<String> salesToken) {
        this.http = http;
        this.salesToken = salesToken;
        this.persons = IntStream.range(0, 20)
                .mapToObj(i -> Fixtures.person(http, "soak-edit" + i))
                .toList();
    }

    /** The next person's turn, with a title no edit has sent before. */
    void editNext() {
        edit(persons.get((int) (editNo.get() % persons.size())), "soak-" + editNo.getAndIncrement());
    }

    /** A sales edit with the person's ETag, as a CRM would make it; the title sent last must be kept. */
    private void edit(UUID person, String title) {
        try {
            HttpResponse<String> current = Http.CLIENT.send(
                    HttpRequest.newBuilder(URI.create(http.base() + "/api/contacts/persons/" + person))
                            .header("Authorization", "Bearer " + salesToken.get())
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String etag = current.headers().firstValue("ETag").orElse(null);
            int status = current.statusCode() != 200 || etag == null
                    ? current.statusCode()
                    : Http.CLIENT
                            .send(
                                    HttpRequest.newBuilder(URI.create(http.base() + "/api/contacts/persons/" + person))
                                            .header("Authorization", "Bearer " + salesToken.get())
                                            .header("Content-Type", "application/merge-patch+json")
                                            .header("If-Match", etag)
                                            .timeout(Duration.ofSeconds(30))
                                            .method(
                                                    "PATCH",
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "{\"jobTitle\":\"" + title + "\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
            if (status == 200) {
                lastTitle.put(person, title);
                edits.incrementAndGet();
            } else {
                editErrors.incrementAndGet();
            }
        } catch (Exception e) {
            editErrors.incrementAndGet();
        }
    }

    void check(Report report) {
        long lost = 0;
        String token = Tokens.of(DemoUser.SALES);
        for (UUID person : persons) {
            String expected = lastTitle.get(person);
            if (expected != null
                    && !expected.equals(http.get("/api/contacts/persons/" + person, token)
                            .path("jobTitle")
                            .asText())) {
                lost++;
            }
        }
        report.add(count(
                "person edits lost (last edit not kept)",
                lost,
                0,
                Report.number(edits.get()) + " edits accepted on " + persons.size() + " persons, " + editErrors.get()
                        + " calls refused or failed"));
    }
}
