package org.gdprsuite.incident.domain;

import org.gdprsuite.runtime.problem.DomainProblem;

/**
 * Likelihood × severity of the consequences for the persons → no risk, risk or high risk, the
 * thresholds of Art. 33(1) and Art. 34(1). The scale follows common supervisory guidance: four levels
 * each, the product decides (1–2 no risk, 3–7 risk, 8–16 high risk).
 */
public final class RiskAssessment {

    public enum Likelihood {
        REMOTE,
        POSSIBLE,
        LIKELY,
        ALMOST_CERTAIN
    }

    public enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        VERY_HIGH
    }

    public enum Risk {
        /** Unlikely to result in a risk: the authority is not notified, the reason is documented. */
        NO_RISK,
        /** The authority within 72 hours of awareness (Art. 33(1)). */
        RISK,
        /** Also the persons, without undue delay (Art. 34(1)). */
        HIGH_RISK
    }

    /** Art. 34(3): when persons need not be told of a high-risk breach. */
    public enum Art34Exception {
        /** (a) the data was unintelligible to others, e.g. encrypted. */
        DATA_UNINTELLIGIBLE,
        /** (b) subsequent measures ensure the high risk is no longer likely to materialise. */
        RISK_NO_LONGER_LIKELY,
        /** (c) it would involve disproportionate effort; a public communication is made instead. */
        DISPROPORTIONATE_EFFORT
    }

    private RiskAssessment() {}

    /**
     * The risk of an assessment, refused when it claims an Art. 34(3) exception for a breach that is not
     * high-risk: the exception only lifts the duty to tell the persons, which only a high risk has.
     */
    public static Risk of(Likelihood likelihood, Severity severity, Art34Exception exception) {
        Risk risk = of(likelihood, severity);
        if (exception != null && risk != Risk.HIGH_RISK) {
            throw DomainProblem.unprocessable(
                    "art34-exception-not-high-risk", "An Art. 34(3) exception applies only to a high-risk breach.");
        }
        return risk;
    }

    /** Art. 33(1): the authority is told unless the breach is unlikely to result in a risk (or not assessed yet). */
    public static boolean authorityNotificationRequired(Risk risk) {
        return risk != Risk.NO_RISK;
    }

    /** Art. 34(1) and (3): the persons are told of a high-risk breach unless a documented exception applies. */
    public static boolean subjectNotificationRequired(Risk risk, Art34Exception exception) {
        return risk == Risk.HIGH_RISK && exception == null;
    }

    public static Risk of(Likelihood likelihood, Severity severity) {
        int score = (likelihood.ordinal() + 1) * (severity.ordinal() + 1);
        if (score <= 2) {
            return Risk.NO_RISK;
        }
        return score >= 8 ? Risk.HIGH_RISK : Risk.RISK;
    }
}
