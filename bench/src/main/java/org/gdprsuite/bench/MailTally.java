package org.gdprsuite.bench;

import java.util.Collection;

/**
 * What the mail server received of one mailing, counted per recipient: mailed once (the work done), not at all
 * or more than once (each such recipient an error).
 */
record MailTally(long recipients, long once, long missing, long duplicated) {

    /** From the number of mails each recipient received. */
    static MailTally of(Collection<Integer> counts) {
        long once = counts.stream().filter(n -> n == 1).count();
        long missing = counts.stream().filter(n -> n == 0).count();
        return new MailTally(counts.size(), once, missing, counts.size() - once - missing);
    }

    /** Recipients not mailed exactly once. */
    long errors() {
        return missing + duplicated;
    }

    /** Mails delivered once per second over {@code millis}. */
    double perSecond(double millis) {
        return millis > 0 ? once * 1000.0 / millis : Double.NaN;
    }

    /** "0 missing, 0 twice" beside the error count. */
    String note() {
        return Errors.note(errors(), recipients) + ": " + Report.number(missing) + " not received, "
                + Report.number(duplicated) + " received more than once";
    }
}
