package org.gdprsuite.subscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gdprsuite.subscription.ReadModelRows.Person;
import org.gdprsuite.testsupport.MailBox;

import static io.restassured.RestAssured.given;

/** The mail GreenMail received for persons of a mailing, counted per person. */
final class MailCounts {

    private MailCounts() {}

    /**
     * How many mails with {@code subject} each person received, asked of GreenMail a few at a time; their mailboxes
     * are deleted then: GreenMail keeps every mail in its (small, shared) heap, and these are thousands.
     */
    static Map<Person, Integer> of(List<Person> persons, String subject) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (Person person : persons) {
                counts.add(pool.submit(() -> {
                    int count = (int) MailBox.messages(person.email()).stream()
                            .filter(m -> m.subject().equals(subject))
                            .count();
                    given().baseUri(MailBox.API).delete("/user/" + person.email());
                    return count;
                }));
            }
            Map<Person, Integer> result = new LinkedHashMap<>();
            for (int i = 0; i < persons.size(); i++) {
                result.put(persons.get(i), counts.get(i).get());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
