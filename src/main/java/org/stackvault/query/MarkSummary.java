package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The review-mark fields of a stats row under the marks metric, as the original's
 * {@code mark_filter} counts them and {@code mark_finalize} completes them: the counts of
 * each mark value ({@code "0"} and {@code "WIP"} only when counted; Code-Review values
 * outside -2..2, {@code otherValues}, under their own keys), the disagreements and three
 * ratios. Unwrapped into the row. Immutable.
 *
 * @param otherValues Code-Review value to count, for values outside -2..2 (JSON keys are text)
 */
public record MarkSummary(
        @JsonProperty("-2") int minusTwo,
        @JsonProperty("-1") int minusOne,

        @JsonProperty("0") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        int zero,

        @JsonProperty("1") int plusOne,
        @JsonProperty("2") int plusTwo,
        @JsonProperty("A") int approved,

        @JsonProperty("WIP") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        int workInProgress,

        @JsonProperty("x") int abandoned,
        @JsonAnyGetter Map<Integer, Long> otherValues,
        int disagreements,
        @JsonProperty("disagreement_ratio") String disagreementRatio,
        @JsonProperty("mark_ratio") String markRatio,
        @JsonProperty("positive_ratio") String positiveRatio) {
    /** The original's ratio of a row without -2, -1, 1 or 2 marks, as it printed it. */
    private static final String INFINITY_HTML = "&#x221E;";

    /** The counted marks, completed with the ratios of the original's {@code mark_finalize}. */
    static MarkSummary of(
            int minusTwo,
            int minusOne,
            int zero,
            int plusOne,
            int plusTwo,
            int approved,
            int workInProgress,
            int abandoned,
            Map<Integer, Long> otherValues,
            int disagreements) {
        long positive = (long) plusOne + plusTwo;
        long numeric = (long) minusTwo + minusOne + positive;
        String positiveRatio = numeric == 0 ? INFINITY_HTML : Python.percent1(positive * 100.0 / numeric);
        String disagreementRatio = numeric == 0 ? INFINITY_HTML : Python.percent1(disagreements * 100.0 / numeric);
        String distribution =
                minusTwo + "|" + minusOne + "|" + plusOne + "|" + plusTwo + "|" + approved + "|" + abandoned;
        return new MarkSummary(
                minusTwo,
                minusOne,
                zero,
                plusOne,
                plusTwo,
                approved,
                workInProgress,
                abandoned,
                otherValues,
                disagreements,
                disagreementRatio,
                distribution + " (" + positiveRatio + ")",
                positiveRatio);
    }
}
