package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The figures the reports compute on the server (open reviews, punch card, large commits,
 * single +2, lookups), each computed here again from the generated records and compared
 * with the report's JSON and HTML.
 */
class ReportFiguresTest extends ServedReports {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<Map<String, Object>> ofType(String type) {
        return DATA.stored.stream()
                .filter(r -> type.equals(r.get("record_type")))
                .toList();
    }

    private static long number(Object v) {
        return ((Number) v).longValue();
    }

    // --- open reviews ----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"nova", "glance", "NOVA"})
    void openReviews_splitTheModulesNewReviews_byTheLowestVoteOnTheLatestPatchSet(String module) throws Exception {
        JsonNode report = json("/report/reviews/" + module + "/open?format=json&limit=-1");
        List<Map<String, Object>> open = ofType("review").stream()
                .filter(r -> module.equalsIgnoreCase((String) r.get("module")) && "NEW".equals(r.get("status")))
                .toList();
        long onReviewer = open.stream()
                .filter(r -> r.get("value") != null && Set.of(1L, 2L).contains(r.get("value")))
                .count();
        long onSubmitter = open.stream()
                .filter(r -> r.get("value") != null && Set.of(-1L, -2L).contains(r.get("value")))
                .count();
        assertTrue(onReviewer > 0 && onSubmitter > 0 && open.size() > onReviewer + onSubmitter, "data covers all");
        assertEquals(open.size(), report.path("total_open").asLong());
        assertEquals(onReviewer, report.path("waiting_on_reviewer").asLong());
        assertEquals(onSubmitter, report.path("waiting_on_submitter").asLong());
        assertEquals(
                open.size() - onReviewer - onSubmitter,
                report.path("waiting_on_ci").asLong());
    }

    @Test
    void openReviews_waits_areTheAgesSinceTheLastVoteAndSinceCreation_oldestFirst() throws Exception {
        JsonNode report = json("/report/reviews/nova/open?format=json&limit=-1");
        Map<String, Map<String, Object>> reviewsById = new LinkedHashMap<>();
        for (Map<String, Object> r : ofType("review")) {
            reviewsById.put((String) r.get("primary_key"), r);
        }
        // the server's now, from one answer: the rest must agree with it
        JsonNode first = report.path("reviewer_since_last_vote").path("oldest").get(0);
        long now = first.path("age_seconds").asLong()
                + number(reviewsById.get(first.path("primary_key").asText()).get("updated_on"));
        for (String[] wait : new String[][] {
            {"reviewer_since_last_vote", "updated_on", "1,2"},
            {"reviewer_since_creation", "date", "1,2"},
            {"submitter_since_last_vote", "updated_on", "-1,-2"},
            {"submitter_since_creation", "date", "-1,-2"}
        }) {
            Set<Long> votes = wait[2].equals("1,2") ? Set.of(1L, 2L) : Set.of(-1L, -2L);
            List<Map<String, Object>> group = new ArrayList<>(ofType("review").stream()
                    .filter(r -> "nova".equals(r.get("module"))
                            && "NEW".equals(r.get("status"))
                            && r.get("value") != null
                            && votes.contains(r.get("value")))
                    .toList());
            group.sort(Comparator.comparingLong(r -> number(r.get(wait[1]))));
            JsonNode figures = report.path(wait[0]);
            List<String> expectedOrder = new ArrayList<>();
            List<Long> expectedAges = new ArrayList<>();
            long sum = 0;
            long oldestDays = (now - number(group.get(0).get(wait[1]))) / 86400;
            long[] byDay = new long[(int) oldestDays + 1];
            for (Map<String, Object> r : group) {
                long age = now - number(r.get(wait[1]));
                expectedOrder.add((String) r.get("primary_key"));
                expectedAges.add(age);
                sum += age;
                byDay[(int) (age / 86400)]++;
            }
            List<String> order = new ArrayList<>();
            List<Long> ages = new ArrayList<>();
            figures.path("oldest").forEach(r -> {
                order.add(r.path("primary_key").asText());
                ages.add(r.path("age_seconds").asLong());
            });
            assertEquals(expectedOrder, order, wait[0]);
            assertEquals(expectedAges, ages, wait[0]);
            assertEquals(sum / group.size(), figures.path("average_seconds").asLong(), wait[0]);
            long max = expectedAges.get(0);
            assertEquals(max, figures.path("max_seconds").asLong(), wait[0]);
            assertEquals(
                    max / 86400 + " days and " + (max / 3600 - max / 86400 * 24) + " hours",
                    figures.path("max").asText());
            List<Long> counts = new ArrayList<>();
            figures.path("count_by_age_in_days").forEach(c -> counts.add(c.asLong()));
            List<Long> expectedCounts = new ArrayList<>();
            for (long c : byDay) {
                expectedCounts.add(c);
            }
            assertEquals(expectedCounts, counts, wait[0]);
        }
    }

    @Test
    void openReviews_limit_cutsTheOldestLists_defaultFive_minusOneAll() throws Exception {
        long onReviewer = json("/report/reviews/nova/open?format=json")
                .path("waiting_on_reviewer")
                .asLong();
        assertTrue(onReviewer > 5);
        assertEquals(
                5,
                json("/report/reviews/nova/open?format=json")
                        .path("reviewer_since_creation")
                        .path("oldest")
                        .size());
        assertEquals(
                2,
                json("/report/reviews/nova/open?format=json&limit=2")
                        .path("reviewer_since_creation")
                        .path("oldest")
                        .size());
        assertEquals(
                onReviewer,
                json("/report/reviews/nova/open?format=json&limit=-1")
                        .path("reviewer_since_creation")
                        .path("oldest")
                        .size());
    }

    @Test
    void openReviews_html_showsTheFigures_aBarChartPerWait_andTheOldestWithTheirAge() throws Exception {
        JsonNode report = json("/report/reviews/nova/open?format=json");
        Document page = page("/report/reviews/nova/open");
        assertEquals("Stackvault | Open change requests in nova", page.title());
        assertEquals(
                report.path("total_open").asText(), page.select(".total-open").text());
        assertEquals(
                report.path("waiting_on_submitter").asText(),
                page.select(".waiting-on-submitter").text());
        assertEquals(
                report.path("waiting_on_reviewer").asText(),
                page.select(".waiting-on-reviewer").text());
        assertEquals(
                report.path("waiting_on_ci").asText(),
                page.select(".waiting-on-ci").text());
        assertEquals(
                4,
                page.select("section.wait table + script.chart-data[data-chart=bar]")
                        .size());
        JsonNode chart = MAPPER.readTree(
                page.select("section#reviewer-first script.chart-data").first().data());
        assertEquals(report.path("reviewer_since_creation").path("count_by_age_in_days"), chart.path("values"));
        assertEquals(chart.path("values").size(), chart.path("categories").size());
        // the table behind the chart lists the days on which requests wait, with their counts
        List<String> nonEmptyDays = new ArrayList<>();
        JsonNode counts = report.path("reviewer_since_creation").path("count_by_age_in_days");
        for (int day = 0; day < counts.size(); day++) {
            if (counts.get(day).asLong() > 0) {
                nonEmptyDays.add(day + " " + counts.get(day).asLong());
            }
        }
        assertFalse(nonEmptyDays.isEmpty());
        assertEquals(
                nonEmptyDays,
                page.select("section#reviewer-first table.ages tbody tr").eachText());
        for (String author : page.select("section.wait ol.oldest a.author").eachAttr("href")) {
            assertEquals(200, server.get(author).statusCode(), author);
        }
        assertFalse(page.select("section.wait ol.oldest a.author").isEmpty());
        List<String> ages = page.select("section#reviewer-first ol.oldest .age").eachText();
        List<String> expected = new ArrayList<>();
        report.path("reviewer_since_creation")
                .path("oldest")
                .forEach(r -> expected.add(r.path("age").asText()));
        assertEquals(expected, ages);
    }

    // --- punch card ------------------------------------------------------------------------

    /** The expected cells: marks, patch sets, e-mails and blueprints of the user or company, by hour and weekday (UTC). */
    private static Map<List<Long>, Long> punchCard(String field, String value) {
        Map<List<Long>, Long> cells = new TreeMap<>(
                Comparator.<List<Long>>comparingLong(c -> c.get(1)).thenComparingLong(c -> c.get(0)));
        for (Map<String, Object> r : DATA.stored) {
            if (Set.of("mark", "patch", "email", "bpd", "bpc").contains(r.get("record_type"))
                    && value.equalsIgnoreCase((String) r.get(field))) {
                ZonedDateTime at = Instant.ofEpochSecond(number(r.get("date"))).atZone(ZoneOffset.UTC);
                cells.merge(
                        List.of((long) at.getHour(), (long) at.getDayOfWeek().getValue() - 1), 1L, Long::sum);
            }
        }
        return cells;
    }

    private static Map<List<Long>, Long> cells(JsonNode punchCard) {
        Map<List<Long>, Long> cells = new LinkedHashMap<>();
        punchCard.forEach(c -> cells.put(
                List.of(c.get(0).asLong(), c.get(1).asLong()), c.get(2).asLong()));
        return cells;
    }

    @Test
    void punchCard_ofAUser_countsTheirReviewsPatchesEmailsAndBlueprints_byHourAndWeekday() throws Exception {
        for (String[] u : ReportData.USERS) {
            JsonNode report =
                    json("/report/users/" + org.stackvault.query.PercentEncoding.encodeSegment(u[0]) + "?format=json");
            Map<List<Long>, Long> expected = punchCard("user_id", u[0]);
            assertFalse(expected.isEmpty());
            assertEquals(expected, cells(report.path("punch_card")), u[0]);
        }
    }

    @Test
    void punchCard_ofACompany_inAnyLetterCase() throws Exception {
        JsonNode report = json("/report/companies/ibm?format=json");
        assertEquals(punchCard("company_name", "IBM"), cells(report.path("punch_card")));
    }

    @Test
    void punchCard_html_isAnHourByWeekdayTable_andItsChartData() throws Exception {
        Map<List<Long>, Long> expected = punchCard("user_id", "john_doe");
        Document page = page("/report/users/john_doe");
        List<org.jsoup.nodes.Element> rows = page.select("table.punch-card tbody tr");
        assertEquals(24, rows.size());
        for (int hour = 0; hour < 24; hour++) {
            for (int weekday = 0; weekday < 7; weekday++) {
                long count = expected.getOrDefault(List.of((long) hour, (long) weekday), 0L);
                assertEquals(
                        Long.toString(count),
                        rows.get(hour).select("td").get(weekday).text(),
                        hour + "h " + weekday);
            }
        }
        JsonNode chart = MAPPER.readTree(page.select("table.punch-card + script.chart-data[data-chart=punchcard]")
                .first()
                .data());
        assertEquals(expected, cells(chart.path("cells")));
    }

    // --- large commits and single +2 --------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"", "&loc_threshold=2000", "&loc_threshold=0&module=glance", "&company=ibm"})
    void largeCommits_areTheSelectedCommitsAboveTheThreshold(String query) throws Exception {
        JsonNode report = json("/report/large_commits?metric=commits&release=all" + query);
        long threshold = query.contains("loc_threshold=")
                ? Long.parseLong(query.replaceAll(".*loc_threshold=(\\d+).*", "$1"))
                : 1000;
        List<String> expected = ofType("commit").stream()
                .filter(c -> number(c.get("loc")) > threshold)
                .filter(c -> !query.contains("module=") || "glance".equals(c.get("module")))
                .filter(c -> !query.contains("company=") || "IBM".equals(c.get("company_name")))
                .map(c -> c.get("primary_key") + "|" + c.get("loc") + "|" + c.get("subject") + "|" + c.get("module")
                        + "|" + ((List<?>) c.get("change_id")).get(0))
                .sorted()
                .toList();
        List<String> actual = new ArrayList<>();
        report.path("commits")
                .forEach(c -> actual.add(
                        c.path("primary_key").asText() + "|" + c.path("loc").asLong()
                                + "|" + c.path("subject").asText() + "|"
                                + c.path("module").asText() + "|"
                                + c.path("change_id").get(0).asText()));
        assertFalse(expected.isEmpty(), query);
        assertEquals(expected, actual.stream().sorted().toList(), query);
    }

    @Test
    void largeCommits_withTheDefaultMetric_areNone_asTheOriginals() throws Exception {
        assertEquals(
                0, json("/report/large_commits?release=all").path("commits").size());
    }

    @Test
    void singlePlusTwo_listsMergedChangesWithExactlyOneMasterPlusTwo() throws Exception {
        JsonNode report = json("/report/single_plus_two_reviews?release=all&project_type=all");
        Map<String, List<Map<String, Object>>> plusTwos = new LinkedHashMap<>();
        for (Map<String, Object> m : ofType("mark")) {
            if ("master".equals(m.get("branch"))
                    && "Code-Review".equals(m.get("type"))
                    && Objects.equals(2L, m.get("value"))) {
                plusTwos.computeIfAbsent((String) m.get("review_id"), k -> new ArrayList<>())
                        .add(m);
            }
        }
        List<String> expected = new ArrayList<>();
        for (Map<String, Object> r : ofType("review")) {
            List<Map<String, Object>> marks = plusTwos.get(r.get("primary_key"));
            if ("MERGED".equals(r.get("status")) && marks != null && marks.size() == 1) {
                expected.add(r.get("user_id") + "|" + marks.get(0).get("user_id") + "|" + r.get("subject") + "|"
                        + r.get("url") + "|" + r.get("project"));
            }
        }
        List<String> actual = new ArrayList<>();
        report.path("data")
                .forEach(d -> actual.add(d.path("review_by").asText() + "|"
                        + d.path("mark_by").asText() + "|" + d.path("subject").asText() + "|"
                        + d.path("url").asText() + "|" + d.path("project").asText()));
        assertFalse(expected.isEmpty());
        assertEquals(
                expected.stream().sorted().toList(), actual.stream().sorted().toList());
    }

    // --- lookups ---------------------------------------------------------------------------

    @Test
    void record_isFoundByItsPrimaryKey_ofAnyType_includingKeysWithSlashes() throws Exception {
        for (Map<String, Object> r : List.of(
                ofType("commit").get(0),
                ofType("email").get(0),
                ofType("review").get(3),
                ofType("bpd").get(1))) {
            String key = (String) r.get("primary_key");
            JsonNode report =
                    json("/report/record/" + org.stackvault.query.PercentEncoding.encodeSegment(key) + "?format=json");
            assertEquals(key, report.path("primary_key").asText());
            assertEquals(
                    r.get("record_type"),
                    report.path("record").path("record_type").asText());
            assertEquals(
                    r.get("author_name"),
                    report.path("record").path("author").path("name").asText());
        }
    }

    @Test
    void blueprint_isTheDraftedRecord_withTheActivityThatMentionsIt() throws Exception {
        Map<String, Object> bp = ofType("bpd").stream()
                .filter(r -> "my-bp".equals(r.get("name")))
                .findFirst()
                .orElseThrow();
        JsonNode report = json("/report/blueprint/nova/my-bp?format=json");
        assertEquals(bp.get("title"), report.path("title").asText());
        assertEquals(bp.get("summary"), report.path("summary").asText());
        assertEquals(bp.get("whiteboard"), report.path("whiteboard").asText());
        assertEquals(
                bp.get("author_name"), report.path("registered_by").path("name").asText());
        // the first page of the activity: the newest records mentioning nova:my-bp
        List<Long> expected = DATA.stored.stream()
                .filter(r -> r.get("blueprint_id") instanceof List<?> ids && ids.contains("nova:my-bp"))
                .map(r -> number(r.get("date")))
                .sorted(Comparator.reverseOrder())
                .limit(ActivityLog.PAGE_SIZE)
                .toList();
        assertEquals(expected.size(), report.path("activity").path("entries").size());
    }
}
