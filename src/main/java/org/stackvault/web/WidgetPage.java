package org.stackvault.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.RequestParams;
import org.stackvault.query.StatsRow;
import org.stackvault.vault.Vault;

/**
 * {@code /widget}, the page other sites embed in an iframe (ui-spec §2.9): "By companies" and
 * "By modules", each a table and its pie, from one vault through the same queries as
 * {@code /api/1.0} with every filter of the URL; Release, Project Type and Metric selects; a
 * link out to the full overview with the same filters. No header or menu. The tabs are
 * links ({@code ?tab=modules}), so they work without script. Immutable.
 *
 * @param tab       the shown tab: {@code companies} or {@code modules}
 * @param tabs      the tabs, each with its link and whether it is shown
 * @param selects   Release, Project Type and Metric
 * @param hidden    the other filters of the URL, kept by the form
 * @param openHref  the overview with the same filters
 */
record WidgetPage(
        String title,
        String metricLabel,
        String tab,
        List<Tab> tabs,
        List<Overview.Select> selects,
        Map<String, String> hidden,
        String openHref) {
    static final String PATH = "/widget";

    /**
     * The overview's policy but for framing: any site may embed the widget
     * ({@code frame-ancestors *}).
     */
    static final String CONTENT_SECURITY_POLICY =
            Pages.CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors *");

    /** A tab: its id, label, link, its rows (all of them, linked to the overview) and pie data. */
    record Tab(String id, String label, String href, boolean shown, List<Overview.Row> rows) {
        JsonBlock pie() {
            return Pie.of(rows);
        }
    }

    static WidgetPage build(Queries queries, Vault vault, PageQuery query, String tab, long nowSeconds) {
        RequestParams params = query.requestParams(nowSeconds);
        ApiRequest stats = queries.parse(Endpoint.STATS_COMPANIES, null, params, vault); // validates the filters
        String shown = "modules".equals(tab) ? "modules" : "companies";
        String root = query.contextPath();
        List<Tab> tabs = List.of(
                new Tab(
                        "companies",
                        "By companies",
                        tabHref(query, "companies"),
                        shown.equals("companies"),
                        rows(((org.stackvault.query.Answers.Stats) queries.answer(stats)).stats(), query, "company")),
                new Tab(
                        "modules",
                        "By modules",
                        tabHref(query, "modules"),
                        shown.equals("modules"),
                        rows(
                                queries.answer(Endpoint.STATS_MODULES, null, params, vault)
                                        .stats(),
                                query,
                                "module")));
        List<Overview.Select> selects = new ArrayList<>();
        for (Overview.Select select : Overview.selects(queries, vault, query, params, stats)) {
            if (List.of("release", "project_type", "metric").contains(select.name())) {
                selects.add(select);
            }
        }
        Map<String, String> hidden = new LinkedHashMap<>(query.values());
        hidden.keySet().removeAll(List.of("release", "project_type", "metric"));
        hidden.put("tab", shown);
        String label = stats.aggregationMetric().label();
        return new WidgetPage(
                "OpenStack® Contribution Tracker",
                label != null ? label : stats.aggregationMetric().id(),
                shown,
                tabs,
                List.copyOf(selects),
                java.util.Collections.unmodifiableMap(hidden),
                PageQuery.href(root + "/", query.values()));
    }

    private static String tabHref(PageQuery query, String tab) {
        Map<String, String> values = new LinkedHashMap<>(query.values());
        values.put("tab", tab);
        return PageQuery.href(query.contextPath() + PATH, values);
    }

    /** The rows, each linked to the overview (not the widget) drilled down to it. */
    private static List<Overview.Row> rows(List<StatsRow> stats, PageQuery query, String param) {
        List<Overview.Row> rows = new ArrayList<>(stats.size());
        for (StatsRow row : stats) {
            Map<String, String> values = new LinkedHashMap<>(query.values());
            values.put(param, row.id().toLowerCase(java.util.Locale.ROOT));
            rows.add(new Overview.Row(
                    row.index() == 0 ? "" : Integer.toString(row.index()),
                    row.name() != null ? row.name() : row.id(),
                    PageQuery.href(query.contextPath() + "/", values),
                    row.metric(),
                    null,
                    null));
        }
        return List.copyOf(rows);
    }
}
