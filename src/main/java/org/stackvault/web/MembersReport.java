package org.stackvault.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stackvault.query.Answers;
import org.stackvault.query.Dates;
import org.stackvault.query.Endpoint;
import org.stackvault.query.IdText;
import org.stackvault.query.Member;
import org.stackvault.query.NewCompany;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.query.StatsRow;
import org.stackvault.vault.Vault;

/**
 * {@code /report/members} ("Member Directory"): members who joined in the period (the
 * {@code days} before now) and, without a company, the member companies, the new companies
 * and the members by company — each from the endpoint the original's page asked, with
 * {@code metric=members&project_type=all&release=all&start_date=<now - days>} (and
 * {@code days} for {@code new_companies}, {@code company} when chosen). Immutable.
 *
 * @param company         the chosen company (lower-cased id), or null
 * @param companies       the Company select's choices
 * @param timeline        {@code stats/timeline}'s series of new members per week
 * @param memberCompanies members per company (empty when a company is chosen)
 * @param members         the individual members
 * @param newCompanies    companies whose first member joined in the period (empty with a company)
 */
record MembersReport(
        int days,
        long startDate,
        String company,
        List<Period> periods,
        List<IdText> companies,
        org.stackvault.query.Timeline timeline,
        List<MemberCompany> memberCompanies,
        List<IndividualMember> members,
        List<FirstMember> newCompanies) {

    /** The original's first member ("2012-Jul-18"): "all" counts the days since. */
    private static final LocalDate FIRST_MEMBER = LocalDate.of(2012, 7, 18);
    /** The profiles the processor reads members from; a member's link is rebuilt from its number. */
    private static final Pattern PROFILE =
            Pattern.compile("^https?://(?:www\\.)?openstack\\.org/community/members/profile/(\\d{1,12})/?$");

    private static final String PROFILE_LINK = "https://www.openstack.org/community/members/profile/";

    /** A choice of the period select. */
    record Period(int days, String label, boolean selected) {}

    /** A row of "member companies": rank, company and its members in the period. */
    record MemberCompany(String rank, String company, String href, long members) {}

    /**
     * A row of "Individual Members": the member's name, the openstack.org profile rebuilt
     * from its number (null when the stored address is not such a profile), the day joined
     * ("2019-Mar-05") and the company.
     */
    record IndividualMember(
            int index, String name, String profile, String joined, long joinedSeconds, String company) {}

    /** A row of "New Companies": the company and when its first member joined. */
    record FirstMember(int index, String company, String href, String joined, long joinedSeconds) {}

    /** The number of days of "all" at {@code nowSeconds}, as the original counted them. */
    static int allDays(long nowSeconds) {
        long first = FIRST_MEMBER.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return (int) ((nowSeconds - first) / Dates.DAY) + 1;
    }

    /**
     * The directory for the {@code days} before {@code nowSeconds}, of {@code company} or of all.
     *
     * @throws QueryException 404 for an unknown company, as the API
     */
    static MembersReport build(
            Queries queries, Vault vault, String contextPath, int days, String company, long nowSeconds) {
        long start = nowSeconds - days * Dates.DAY;
        Map<String, String> base = new LinkedHashMap<>();
        base.put("metric", "members");
        base.put("project_type", "all");
        base.put("release", "all");
        base.put("start_date", Long.toString(start));
        base.put("days", Integer.toString(days));
        Map<String, String> filtered = new LinkedHashMap<>(base);
        if (company != null) {
            filtered.put("company", company);
        }
        RequestParams withCompany = filtered::get;
        // the company is validated here first, as the original's templated() does
        Answers.Members members = queries.answer(Endpoint.MEMBERS, null, withCompany, vault);
        Answers.Timeline timeline = queries.answer(Endpoint.STATS_TIMELINE, null, withCompany, vault);
        List<IdText> companies = new ArrayList<>(
                queries.answer(Endpoint.COMPANIES, null, base::get, vault).data());
        if (company != null && companies.stream().noneMatch(c -> c.id().equals(company))) {
            companies.add(new IdText(company, company)); // the chosen company stays selected, as in the original
        }

        String page = contextPath + "/report/members";
        List<MemberCompany> memberCompanies = new ArrayList<>();
        List<FirstMember> newCompanies = new ArrayList<>();
        if (company == null) {
            for (StatsRow row : queries.answer(Endpoint.STATS_COMPANIES, null, withCompany, vault)
                    .stats()) {
                String name = row.name() != null ? row.name() : row.id();
                memberCompanies.add(new MemberCompany(
                        row.index() == 0 ? "" : Integer.toString(row.index()),
                        name,
                        companyHref(page, days, name),
                        row.metric()));
            }
            for (NewCompany row : queries.answer(Endpoint.NEW_COMPANIES, null, withCompany, vault)
                    .stats()) {
                newCompanies.add(new FirstMember(
                        row.index(), row.name(), companyHref(page, days, row.name()), row.dateStr(), row.date()));
            }
        }
        List<IndividualMember> individuals = new ArrayList<>();
        for (Member member : members.members()) {
            individuals.add(new IndividualMember(
                    member.index(),
                    text(member.authorName()),
                    profile(member.memberUri()),
                    member.dateStr(),
                    member.date() instanceof Number n ? n.longValue() : 0,
                    text(member.companyName())));
        }
        return new MembersReport(
                days,
                start,
                company,
                periods(days, nowSeconds),
                List.copyOf(companies),
                timeline.timeline(),
                List.copyOf(memberCompanies),
                List.copyOf(individuals),
                List.copyOf(newCompanies));
    }

    /** The original's choices (week … year, all), and the current period when it is none of them. */
    private static List<Period> periods(int days, long nowSeconds) {
        int all = allDays(nowSeconds);
        List<Period> periods = new ArrayList<>();
        int[] counts = {7, 14, 31, 93, 183, 365, all};
        String[] labels = {"week", "two weeks", "month", "quarter", "half year", "year", "all"};
        boolean listed = false;
        for (int i = 0; i < counts.length; i++) {
            boolean selected = counts[i] == days && !listed;
            listed |= selected;
            periods.add(new Period(counts[i], labels[i], selected));
        }
        if (!listed) {
            periods.add(new Period(days, days + " days", true));
        }
        return List.copyOf(periods);
    }

    private static String companyHref(String page, int days, String company) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("days", Integer.toString(days));
        query.put("company", company.toLowerCase(java.util.Locale.ROOT));
        return PageQuery.href(page, query);
    }

    /** The openstack.org profile of a stored member address, rebuilt from its number; null for any other address. */
    static String profile(Object memberUri) {
        if (memberUri instanceof String uri) {
            Matcher m = PROFILE.matcher(uri);
            if (m.matches()) {
                return PROFILE_LINK + m.group(1);
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The pie "Members by company": every member company in table order, each linking to its directory. */
    JsonBlock pieChart() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (MemberCompany row : memberCompanies) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", row.company());
            item.put("value", row.members());
            item.put("href", row.href());
            items.add(item);
        }
        return JsonBlock.of(Map.of("items", items));
    }

    /** The timeline chart: {@code stats/timeline}'s answer with the release and metric it was asked for. */
    JsonBlock timelineChart() {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("timeline", timeline);
        chart.put("release", "all");
        chart.put("metric", "members");
        return JsonBlock.of(chart);
    }
}
