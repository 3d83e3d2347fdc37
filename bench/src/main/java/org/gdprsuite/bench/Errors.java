package org.gdprsuite.bench;

import java.util.Locale;

/** The product card's error rule: a target counts as met only with at most 0.1 % of the work failed. */
final class Errors {

    /** At most one in a thousand. */
    static final double MAX_SHARE = 0.001;

    private Errors() {}

    /** Whether {@code errors} of {@code total} is within the rule; nothing done is not a success. */
    static boolean acceptable(long errors, long total) {
        return total > 0 && errors <= total * MAX_SHARE;
    }

    static double percent(long errors, long total) {
        return total == 0 ? Double.NaN : 100.0 * errors / total;
    }

    /** "3 errors of 15,000 (0.02 %)". */
    static String note(long errors, long total) {
        return Report.number(errors) + " errors of " + Report.number(total)
                + String.format(Locale.ROOT, " (%.2f %%)", percent(errors, total));
    }

    /** {@code figure} with its target kept but met only when also within the error rule. */
    static Figure within(Figure figure, long errors, long total) {
        if (figure.target() == null) {
            return figure;
        }
        boolean ok = acceptable(errors, total);
        return figure.withTarget(figure.target() + ", ≤ 0.1 % errors", Boolean.TRUE.equals(figure.met()) && ok);
    }
}
