package org.gdprsuite.incident;

import org.gdprsuite.incident.domain.RiskAssessment;
import org.gdprsuite.incident.domain.RiskAssessment.Art34Exception;
import org.gdprsuite.incident.domain.RiskAssessment.Likelihood;
import org.gdprsuite.incident.domain.RiskAssessment.Risk;
import org.gdprsuite.incident.domain.RiskAssessment.Severity;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Likelihood × severity → risk, and who must be told (Art. 33(1), 34(1), 34(3)); no stack. */
@Tag("unit")
class RiskAssessmentTest {

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @CsvSource({
        "REMOTE, LOW, NO_RISK",
        "REMOTE, MEDIUM, NO_RISK",
        "POSSIBLE, LOW, NO_RISK",
        "REMOTE, HIGH, RISK",
        "POSSIBLE, MEDIUM, RISK",
        "LIKELY, LOW, RISK",
        "ALMOST_CERTAIN, LOW, RISK",
        "REMOTE, VERY_HIGH, RISK",
        "POSSIBLE, HIGH, RISK",
        "LIKELY, MEDIUM, RISK",
        "POSSIBLE, VERY_HIGH, HIGH_RISK",
        "ALMOST_CERTAIN, MEDIUM, HIGH_RISK",
        "LIKELY, HIGH, HIGH_RISK",
        "ALMOST_CERTAIN, VERY_HIGH, HIGH_RISK"
    })
    void theProductOfLikelihoodAndSeverityDecides(Likelihood likelihood, Severity severity, Risk risk) {
        assertEquals(risk, RiskAssessment.of(likelihood, severity));
    }

    @Test
    void everyCombinationHasARiskAndItGrowsWithBothScales() {
        for (Likelihood likelihood : Likelihood.values()) {
            for (Severity severity : Severity.values()) {
                Risk risk = RiskAssessment.of(likelihood, severity);
                if (likelihood.ordinal() > 0) {
                    Likelihood lower = Likelihood.values()[likelihood.ordinal() - 1];
                    assertTrue(RiskAssessment.of(lower, severity).compareTo(risk) <= 0);
                }
                if (severity.ordinal() > 0) {
                    Severity lower = Severity.values()[severity.ordinal() - 1];
                    assertTrue(RiskAssessment.of(likelihood, lower).compareTo(risk) <= 0);
                }
            }
        }
    }

    @Test
    void onlyNoRiskSparesTheAuthorityNotification() {
        assertFalse(RiskAssessment.authorityNotificationRequired(Risk.NO_RISK));
        assertTrue(RiskAssessment.authorityNotificationRequired(Risk.RISK));
        assertTrue(RiskAssessment.authorityNotificationRequired(Risk.HIGH_RISK));
        assertTrue(RiskAssessment.authorityNotificationRequired(null), "an unassessed breach counts as notifiable");
    }

    @Test
    void onlyAHighRiskWithoutExceptionIsToldToThePersons() {
        assertTrue(RiskAssessment.subjectNotificationRequired(Risk.HIGH_RISK, null));
        assertFalse(RiskAssessment.subjectNotificationRequired(Risk.RISK, null));
        assertFalse(RiskAssessment.subjectNotificationRequired(Risk.NO_RISK, null));
        assertFalse(RiskAssessment.subjectNotificationRequired(null, null));
    }

    @ParameterizedTest
    @EnumSource(Art34Exception.class)
    void eachArt34ExceptionSparesThePersonsNoticeOfAHighRisk(Art34Exception exception) {
        assertEquals(Risk.HIGH_RISK, RiskAssessment.of(Likelihood.ALMOST_CERTAIN, Severity.VERY_HIGH, exception));
        assertFalse(RiskAssessment.subjectNotificationRequired(Risk.HIGH_RISK, exception));
        assertTrue(RiskAssessment.authorityNotificationRequired(Risk.HIGH_RISK), "the authority is told all the same");
    }

    @ParameterizedTest
    @EnumSource(Art34Exception.class)
    void anArt34ExceptionForABreachThatIsNotHighRiskIsRefused(Art34Exception exception) {
        DomainProblem refused =
                assertThrows(DomainProblem.class, () -> RiskAssessment.of(Likelihood.LIKELY, Severity.LOW, exception));
        assertEquals(DomainProblem.Kind.UNPROCESSABLE, refused.kind());
        assertTrue(refused.typeUri().endsWith("/art34-exception-not-high-risk"));
        assertThrows(DomainProblem.class, () -> RiskAssessment.of(Likelihood.REMOTE, Severity.LOW, exception));
    }
}
