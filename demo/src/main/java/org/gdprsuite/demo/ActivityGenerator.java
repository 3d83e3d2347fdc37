package org.gdprsuite.demo;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.demo.DemoData.Activity;
import org.gdprsuite.demo.DemoData.Person;
import org.gdprsuite.testsupport.DemoUser;

/** Draws each person's contact history: sales calls, meetings and e-mails, support tickets and notes. */
final class ActivityGenerator {

    /** Each activity as {type, subject, body}. */
    private static final String[][] SALES_ACTIVITIES = {
        {"CALL", "Intro call", "Talked about current tooling and budget; asked for a proposal by end of month."},
        {"CALL", "Renewal call", "Discussed renewal of the annual licence; wants a quote for five more seats."},
        {"MEETING", "Demo on site", "Demo for the team; questions on SSO and data residency. Next: trial account."},
        {"MEETING", "Quarterly business review", "Reviewed usage and open tickets; happy overall, wants better reports."
        },
        {"EMAIL", "Proposal sent", "Sent the proposal and the data processing agreement for review."},
        {"EMAIL", "Follow-up", "Followed up on the proposal; decision expected next quarter."}
    };

    private static final String[][] SUPPORT_ACTIVITIES = {
        {"TICKET", "Login problem", "Could not log in after the password reset; reset the MFA device, solved."},
        {"TICKET", "Invoice question", "Asked for a corrected invoice address; finance informed."},
        {"TICKET", "Export too slow", "CSV export times out for large reports; workaround sent, bug filed."},
        {"NOTE", "Prefers email", "Prefers to be contacted by email, not before 10:00."},
        {"NOTE", "Moved to new office", "New delivery address from next month, see street and city."}
    };

    private final Dice dice;
    private final List<Person> persons;
    private final List<Activity> activities;

    ActivityGenerator(Dice dice, List<Person> persons, List<Activity> activities) {
        this.dice = dice;
        this.persons = persons;
        this.activities = activities;
    }

    /** About two thirds of the persons have a history; the featured person (0) always has calls and a ticket. */
    void activities(int person) {
        int count = person == 0 ? 3 : dice.percent(35) ? 0 : 1 + dice.nextInt(person % 5 == 0 ? 3 : 1);
        Instant since = persons.get(person).collectedAt();
        for (int i = 0; i < count; i++) {
            boolean sales = person == 0 ? i < 2 : dice.percent(70);
            String[] what = sales ? dice.pick(SALES_ACTIVITIES) : dice.pick(SUPPORT_ACTIVITIES);
            activities.add(new Activity(
                    person,
                    what[0],
                    what[1],
                    what[2],
                    dice.between(since, dice.now),
                    sales ? DemoUser.SALES : DemoUser.SUPPORT));
        }
    }
}
