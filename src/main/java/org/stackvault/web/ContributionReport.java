package org.stackvault.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackvault.query.Answers;
import org.stackvault.query.Dates;
import org.stackvault.query.Endpoint;
import org.stackvault.query.ExtendedEngineerRow;
import org.stackvault.query.MarkSummary;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.vault.Vault;

/**
 * {@code /report/contribution/<module>/<days>}: the original's 15-column table of
 * {@code stats/engineers_extended?project_type=all&metric=marks&module=<module>&release=all&start_date=<now - days>}
 * and its review and contribution summaries, with the per-day rates the original's script
 * computed. Immutable.
 *
 * @param startDate    the period's start (seconds), as asked of the query
 * @param engineers    the table's rows, in the query's order
 * @param review       the Review Summary's lines
 * @param contribution the Contribution Summary's lines
 */
record ContributionReport(
        String module,
        int days,
        long startDate,
        List<Engineer> engineers,
        List<SummaryLine> review,
        List<SummaryLine> contribution) {

    /** The longest period: about a century. */
    static final int MAX_DAYS = 36_500;

    /** The original's sign for a ratio without marks. */
    static final String INFINITY = "\u221E";

    /**
     * A row: rank ("" for the independent), the engineer and company with their links, the
     * core branch ("master" for ✻, another branch for ✬, null), the marks, the ratios as
     * the API words them ({@link #INFINITY} without marks), and the other records.
     */
    record Engineer(
            String rank,
            String userId,
            String name,
            String company,
            String userHref,
            String companyHref,
            String core,
            long reviews,
            int minusTwo,
            int minusOne,
            int plusOne,
            int plusTwo,
            int approved,
            int abandoned,
            String positiveRatio,
            int disagreements,
            String disagreementRatio,
            int onReview,
            int patchSets,
            int commits,
            int emails) {

        /** The number a table sorts {@link #positiveRatio} by; the ratio without marks sorts above all. */
        double positiveSort() {
            return sortable(positiveRatio);
        }

        double disagreementSort() {
            return sortable(disagreementRatio);
        }

        private static double sortable(String ratio) {
            return INFINITY.equals(ratio) ? 1e9 : Double.parseDouble(ratio.substring(0, ratio.length() - 1));
        }
    }

    /**
     * A summary line: "label: count (rate per)", the rate to one decimal as the original's
     * {@code toFixed(1)}, or null when it divides by zero (the original printed NaN).
     */
    record SummaryLine(String label, long count, String rate, String per) {}

    /**
     * The report of {@code module} over the {@code days} before {@code nowSeconds}.
     *
     * @throws QueryException 404 for an unknown module, as the API
     */
    static ContributionReport build(
            Queries queries, Vault vault, String contextPath, String module, int days, long nowSeconds) {
        long start = nowSeconds - days * Dates.DAY;
        Map<String, String> params = Map.of(
                "project_type", "all",
                "metric", "marks",
                "module", module,
                "release", "all",
                "start_date", Long.toString(start));
        Answers.ExtendedEngineers answer = queries.answer(Endpoint.STATS_ENGINEERS_EXTENDED, null, params::get, vault);
        List<Engineer> engineers = new ArrayList<>();
        long marks = 0;
        long coreMarks = 0;
        long reviewers = 0;
        long coreReviewers = 0;
        long onReview = 0;
        long patchSets = 0;
        long commits = 0;
        long emails = 0;
        for (ExtendedEngineerRow row : answer.stats()) {
            engineers.add(engineer(row, contextPath));
            int mark = row.records().mark();
            if ("master".equals(row.core())) {
                coreMarks += mark;
                coreReviewers++;
            }
            if (mark > 0) {
                reviewers++;
            }
            marks += mark;
            commits += row.records().commit();
            onReview += row.records().review();
            patchSets += row.records().patch();
            emails += row.records().email();
        }
        List<SummaryLine> review = List.of(
                new SummaryLine("Total reviews", marks, rate((double) marks / days), "per day"),
                new SummaryLine(
                        "Total reviewers", reviewers, rate((double) marks / reviewers / days), "per reviewer per day"),
                new SummaryLine("Total reviews by core team", coreMarks, rate((double) coreMarks / days), "per day"),
                new SummaryLine(
                        "Core team size",
                        coreReviewers,
                        rate((double) coreMarks / coreReviewers / days),
                        "per core per day"));
        List<SummaryLine> contribution = List.of(
                new SummaryLine("On review", onReview, rate((double) onReview / days), "per day"),
                new SummaryLine("Patch sets", patchSets, rate((double) patchSets / days), "per day"),
                new SummaryLine("Commits", commits, rate((double) commits / days), "per day"),
                new SummaryLine("Emails", emails, rate((double) emails / days), "per day"));
        return new ContributionReport(module, days, start, List.copyOf(engineers), review, contribution);
    }

    private static Engineer engineer(ExtendedEngineerRow row, String contextPath) {
        MarkSummary m = row.marks();
        boolean linked = row.id() != null && !row.id().isEmpty();
        String home = contextPath + "/";
        String userHref = linked ? PageQuery.href(home, link("user_id", row.id())) : null;
        String companyHref = linked && row.company() != null
                ? PageQuery.href(home, link("company", row.company().toLowerCase(Locale.ROOT)))
                : null;
        return new Engineer(
                row.index() == 0 ? "" : Integer.toString(row.index()),
                row.id(),
                row.name() != null ? row.name() : row.id(),
                row.company(),
                userHref,
                companyHref,
                row.core(),
                row.metric(),
                m.minusTwo(),
                m.minusOne(),
                m.plusOne(),
                m.plusTwo(),
                m.approved(),
                m.abandoned(),
                plain(m.positiveRatio()),
                m.disagreements(),
                plain(m.disagreementRatio()),
                row.records().review(),
                row.records().patch(),
                row.records().commit(),
                row.records().email());
    }

    /** The original's drill-down: the overview of the user or company under the Reviews metric. */
    private static Map<String, String> link(String param, String value) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(param, value);
        query.put("metric", "marks");
        return query;
    }

    /** The API's ratio with its HTML entity for infinity made the character. */
    private static String plain(String ratio) {
        return ratio.startsWith("&#x221E;") ? INFINITY : ratio;
    }

    /**
     * {@code value} as JavaScript's {@code toFixed(1)}: the nearest tenth of the exact binary
     * value, the larger on a tie; null when it is not a number (a division by zero).
     */
    static String rate(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
