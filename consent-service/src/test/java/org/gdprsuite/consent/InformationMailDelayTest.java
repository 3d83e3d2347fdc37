package org.gdprsuite.consent;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ImportedPersons.assertToldOnLegitimateInterests;
import static org.gdprsuite.consent.ImportedPersons.awaitBasis;
import static org.gdprsuite.consent.ImportedPersons.awaitParked;
import static org.gdprsuite.consent.ImportedPersons.send;

/**
 * Issue 22, with the mail due an hour after the person was created (as an operator importing sets it): a person
 * imported under legitimate interests for a purpose whose default is contract is told Art. 6(1)(f) for it, never
 * Art. 6(1)(b), whichever of {@code contact.person.created} and the import's {@code consent.recorded} is read first.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(InformationMailDelayTest.Delayed.class)
class InformationMailDelayTest {

    private static final String PURPOSE = "info-delayed-contract";

    public static class Delayed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gdpr.consent.information-mail.delay", "PT1H");
        }
    }

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thePersonReadFirstIsToldTheImportedBasisWhenTheMailIsDue() {
        importAndTell(true);
    }

    @Test
    void theImportReadFirstIsToldWhenTheMailIsDue() {
        importAndTell(false);
    }

    private void importAndTell(boolean personFirst) {
        purpose(PURPOSE, false, "CONTRACT", null);
        UUID person = UUID.randomUUID();
        CloudEvent created = ImportedPersons.created(person);
        CloudEvent imported = ImportedPersons.imported(person, PURPOSE, "LEGITIMATE_INTERESTS");
        if (personFirst) {
            send(prefix, created);
            awaitBasis(person, PURPOSE, "CONTRACT");
            send(prefix, imported);
        } else {
            send(prefix, imported);
            awaitParked(dataSource, person);
            send(prefix, created);
        }
        awaitBasis(person, PURPOSE, "LEGITIMATE_INTERESTS");

        clock.advance(Duration.ofHours(2));
        assertToldOnLegitimateInterests(prefix, person, PURPOSE);
    }
}
