package org.gdprsuite.bench;

/**
 * One measured figure of the benchmark: its value, the product card's target (if it has one) and the
 * baseline measured in the same run on the same machine.
 *
 * @param value    the suite's figure
 * @param target   the card's target as text, e.g. "≤ 10 ms"; null when the card sets none
 * @param met      whether the value meets the target; null without a target
 * @param baseline what the bare baseline achieved on the same load; null when the figure has none
 * @param note     how it was measured, when the figure alone does not say (errors, scale, ...)
 */
public record Figure(
        String name,
        double value,
        String unit,
        String target,
        Boolean met,
        Double baseline,
        String baselineName,
        String note) {

    /** A latency (lower is better) against an upper bound; bound null means no target. */
    public static Figure latency(
            String name, double millis, Double boundMillis, Double baselineMillis, String baselineName, String note) {
        return new Figure(
                name,
                millis,
                "ms",
                boundMillis == null ? null : "≤ " + Report.number(boundMillis) + " ms",
                boundMillis == null ? null : millis <= boundMillis,
                baselineMillis,
                baselineName,
                note);
    }

    /** A rate (higher is better) against a lower bound; bound null means no target. */
    public static Figure rate(
            String name,
            double perSecond,
            String unit,
            Double lowerBound,
            Double baseline,
            String baselineName,
            String note) {
        return new Figure(
                name,
                perSecond,
                unit,
                lowerBound == null ? null : "≥ " + Report.number(lowerBound) + " " + unit,
                lowerBound == null ? null : perSecond >= lowerBound,
                baseline,
                baselineName,
                note);
    }

    /** A figure reported for information only (memory, startup). */
    public static Figure info(String name, double value, String unit, String note) {
        return new Figure(name, value, unit, null, null, null, null, note);
    }

    public Figure withTarget(String target, boolean met) {
        return new Figure(name, value, unit, target, met, baseline, baselineName, note);
    }

    /** Suite ÷ baseline: for latencies how many times the floor, for rates the share of the baseline. */
    public Double ratio() {
        return baseline == null || baseline == 0 ? null : value / baseline;
    }
}
