package org.gdprsuite.incident.domain;

/**
 * Likelihood × severity of the consequences for the persons → no risk, risk or high risk, the
 * thresholds of Art. 33(1) and Art. 34(1). The scale follows common supervisory guidance: four levels
 * each, the product decides (1–2 no risk, 3–7 risk, 8–16 high risk).
 */
public final class RiskAssessment {

    public enum Likelihood {
        REMOTE, POSSIBLE, LIKELY, ALMOST_CERTAIN
    }

    public enum Severity {
        LOW, MEDIUM, HIGH, VERY_HIGH
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

    private RiskAssessment() {
    }

    public static Risk of(Likelihood likelihood, Severity severity) {
        int score = (likelihood.ordinal() + 1) * (severity.ordinal() + 1);
        if (score <= 2) {
            return Risk.NO_RISK;
        }
        return score >= 8 ? Risk.HIGH_RISK : Risk.RISK;
    }
}
