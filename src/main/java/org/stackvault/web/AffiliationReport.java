package org.stackvault.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.stackvault.query.AffiliationChange;
import org.stackvault.query.Dates;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.vault.Vault;

/**
 * {@code /report/affiliation_changes} ("Company Affiliation Changes"): the users who left
 * one company for another between two days, from {@code affiliation_changes?start_days=&end_days=}
 * (default: the last 365 days), one row per pair of companies as the original's script
 * grouped them: From, To, Count, Users. Immutable.
 *
 * @param startDay the period's first day as {@code YYYY-MM-DD} (the date inputs' format)
 * @param endDay   the period's last day as {@code YYYY-MM-DD}
 * @param changes  the rows, most users first (ties in the order the API lists the changes)
 */
record AffiliationReport(String startDay, String endDay, List<CompanyChange> changes) {
    private static final Pattern ISO_DAY = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    /** A pair of companies and the users who went from one to the other. */
    record CompanyChange(String from, String fromHref, String to, String toHref, int count, List<UserLink> users) {}

    /** A user of a row, linking to the user's report. */
    record UserLink(String id, String name, String href) {}

    /**
     * The changes between {@code startDays} and {@code endDays}, each a day as the original
     * wrote it ({@code 2019-Mar-05}), a day as a date input sends it ({@code 2019-03-05}), or
     * unix seconds; null for the default.
     *
     * @throws QueryException 400 for a day that is none of these, as the API
     */
    static AffiliationReport build(Queries queries, Vault vault, String contextPath, String startDays, String endDays) {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "start_days", startDays);
        put(params, "end_days", endDays);
        var request = queries.parse(Endpoint.AFFILIATION_CHANGES, null, params::get, vault);
        long start = (Long) request.extra(org.stackvault.query.Extra.START_DAYS);
        long end = (Long) request.extra(org.stackvault.query.Extra.END_DAYS);
        var answer = (org.stackvault.query.Answers.AffiliationChanges) queries.answer(request);

        Map<String, Map<String, List<AffiliationChange>>> byPair = new LinkedHashMap<>();
        for (AffiliationChange change : answer.changes()) {
            byPair.computeIfAbsent(change.oldCompanyName(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(change.newCompanyName(), k -> new ArrayList<>())
                    .add(change);
        }
        String home = contextPath + "/";
        List<CompanyChange> rows = new ArrayList<>();
        byPair.forEach((from, tos) -> tos.forEach((to, changes) -> {
            List<UserLink> users = new ArrayList<>();
            for (AffiliationChange change : changes) {
                users.add(new UserLink(
                        change.userId(),
                        change.userName() != null ? change.userName() : change.userId(),
                        contextPath + "/report/users/" + segment(change.userId())));
            }
            // the original sorted the users' links, which begin with their ids
            users.sort(Comparator.comparing(UserLink::id).thenComparing(UserLink::name));
            rows.add(new CompanyChange(
                    from, companyHref(home, from), to, companyHref(home, to), users.size(), List.copyOf(users)));
        }));
        rows.sort(Comparator.comparingInt(CompanyChange::count).reversed());
        return new AffiliationReport(isoDay(start), isoDay(end), List.copyOf(rows));
    }

    /** A day from a date input ({@code 2019-03-05}) becomes unix seconds; other spellings go to the API as they are. */
    private static void put(Map<String, String> params, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (ISO_DAY.matcher(value).matches()) {
            try {
                params.put(name, Long.toString(LocalDate.parse(value).toEpochDay() * Dates.DAY));
                return;
            } catch (DateTimeParseException e) {
                throw QueryException.malformed(name, name + " is not a day: '" + value + "'");
            }
        }
        params.put(name, value);
    }

    /**
     * A value as one path segment: percent-encoded as UTF-8, so {@code /}, {@code %}, {@code ?}
     * and {@code #} stay inside it (a space is {@code %20}, not the query string's {@code +}).
     */
    static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String isoDay(long seconds) {
        return LocalDate.ofEpochDay(Math.floorDiv(seconds, Dates.DAY)).toString();
    }

    private static String companyHref(String home, String company) {
        return company == null ? null : PageQuery.href(home, Map.of("company", company.toLowerCase(Locale.ROOT)));
    }
}
