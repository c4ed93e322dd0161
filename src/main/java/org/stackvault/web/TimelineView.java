package org.stackvault.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.stackvault.query.Answers;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.RequestParams;
import org.stackvault.query.Timeline;
import org.stackvault.vault.Vault;

/**
 * The overview's weekly timeline (ui-spec §2.6): {@code stats/timeline}'s answer for the page's
 * filters, as JSON for the chart (the API's answer plus {@code release} and {@code metric}) and
 * as rows for the table behind it. Immutable.
 *
 * @param data    the chart's JSON block
 * @param release the selected release ({@code all} for every release)
 * @param weeks the table's rows, oldest first
 * @param loc   whether the LOC column is shown: commits or loc with some week above 0, as the
 *              original draws the LOC line
 */
record TimelineView(JsonBlock data, String release, List<Week> weeks, boolean loc) {

    /** A week: its label ({@code YYYY-MM-DD}), the metric in all releases, in the release, and LOC. */
    record Week(String week, long all, long release, long loc) {}

    /** The timeline of the filters {@code stats} was parsed from, on {@code vault}. */
    static TimelineView of(Queries queries, Vault vault, RequestParams params, ApiRequest stats) {
        Answers.Timeline answer = queries.answer(Endpoint.STATS_TIMELINE, null, params, vault);
        String metric = stats.aggregationMetric().id();
        List<String> releases = stats.filter().releases();
        ObjectNode json = JsonBlock.MAPPER.valueToTree(answer);
        String release = releases.isEmpty() ? "all" : releases.get(0);
        json.put("release", release);
        json.put("metric", metric);
        Timeline t = answer.timeline();
        List<Week> weeks = new ArrayList<>(t.records().size());
        boolean someLoc = false;
        for (int w = 0; w < t.records().size(); w++) {
            long loc = t.loc().get(w).count();
            someLoc |= loc > 0;
            weeks.add(new Week(
                    day(t.records().get(w).week()),
                    t.records().get(w).count(),
                    t.highlighted().get(w).count(),
                    loc));
        }
        boolean locShown = someLoc && ("commits".equals(metric) || "loc".equals(metric));
        return new TimelineView(JsonBlock.of(json), release, List.copyOf(weeks), locShown);
    }

    /** The date of a week label ({@code YYYY-MM-DD 00:00:00}). */
    private static String day(String label) {
        int space = label.indexOf(' ');
        return space < 0 ? label : label.substring(0, space);
    }
}
