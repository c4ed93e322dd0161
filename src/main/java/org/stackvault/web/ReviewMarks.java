package org.stackvault.web;

import org.stackvault.query.MarkSummary;

/**
 * The review-vote columns of a contributor row under the Reviews metric, from the same
 * {@code stats/engineers} row as the API's: −2, −1, +1, +2, approvals, abandons and the
 * positive ratio. A ratio under {@link #LOW_RATIO} % is low (the original painted it red; here
 * a CSS class and a text sign mark it, so colour is not the only cue). Immutable.
 *
 * @param ratio      the API's {@code positive_ratio} as shown ("75.0%", or "∞" without votes)
 * @param ratioValue the ratio as a number to sort by; {@link Double#POSITIVE_INFINITY} for ∞
 */
record ReviewMarks(
        int minusTwo,
        int minusOne,
        int plusOne,
        int plusTwo,
        int approved,
        int abandoned,
        String ratio,
        double ratioValue,
        boolean low) {
    static final double LOW_RATIO = 60;
    /** The original's API writes a row without numeric votes as this HTML entity. */
    private static final String INFINITY_ENTITY = "&#x221E;";

    /** The columns of {@code marks}, or null when the row has none (another metric). */
    static ReviewMarks of(MarkSummary marks) {
        if (marks == null) {
            return null;
        }
        String api = marks.positiveRatio();
        double value;
        String shown;
        if (api == null || api.equals(INFINITY_ENTITY)) {
            value = Double.POSITIVE_INFINITY;
            shown = "∞";
        } else {
            value = Double.parseDouble(api.replace("%", ""));
            shown = api;
        }
        return new ReviewMarks(
                marks.minusTwo(),
                marks.minusOne(),
                marks.plusOne(),
                marks.plusTwo(),
                marks.approved(),
                marks.abandoned(),
                shown,
                value,
                value < LOW_RATIO);
    }

    /** The ratio for {@code data-sort}: a number; ∞ sorts above every percentage. */
    String ratioSort() {
        return Double.isInfinite(ratioValue) ? "1000" : Double.toString(ratioValue);
    }
}
