package org.stackvault.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stackvault.report.OpenReviews;
import org.stackvault.report.PunchCard;

/**
 * The models of the report pages (ui-spec §1, {@code /report/...}): plain records the
 * templates escape, and {@code ?format=json} writes as they are. Immutable.
 */
final class Report {
    private Report() {}

    /** A chart's data for the page's script, as the chart contract's JSON (written by Jackson). */
    record Chart(String kind, String title, Object data) {}

    /** {@code /report/activity}: the activity log alone. */
    record ActivityPage(String title, ActivityLog activity) {}

    /**
     * {@code /report/users/<id>} and {@code /report/companies/<name>}: who, the profile (users
     * only), the contribution summary over all releases, project types and metrics, the punch
     * card and the activity log.
     *
     * @param kind "user" or "company"
     * @param id the user id or the company as the URL names it
     */
    record PersonPage(
            String kind,
            String id,
            String name,
            Profile profile,
            List<Overview.Figure> contribution,
            PunchCard punchCard,
            ActivityLog activity,
            DownloadLinks downloads) {

        /** The punch card as a grid: one row per hour, one count per weekday (Monday first). */
        List<PunchRow> punchRows() {
            long[][] grid = new long[24][7]; // one pass over the cells, not one search per cell
            for (PunchCard.Cell cell : punchCard.cells()) {
                grid[cell.hour()][cell.weekday()] = cell.count();
            }
            List<PunchRow> rows = new ArrayList<>(24);
            for (int hour = 0; hour < 24; hour++) {
                List<Long> counts = new ArrayList<>(7);
                for (int weekday = 0; weekday < 7; weekday++) {
                    counts.add(grid[hour][weekday]);
                }
                rows.add(new PunchRow(String.format("%02d:00", hour), List.copyOf(counts)));
            }
            return List.copyOf(rows);
        }

        Chart punchChart() {
            return new Chart("punchcard", "Activity by hour (UTC) and weekday", Map.of("cells", punchCard.cells()));
        }
    }

    /** A row of the punch-card table. */
    record PunchRow(String hour, List<Long> counts) {}

    /** A user's profile: the current company, the ids elsewhere, where the user is a core reviewer. */
    record Profile(String company, String companyHref, List<Field> ids, List<String> coreIn) {}

    /** A labelled value. */
    record Field(String label, String value) {}

    /** {@code /report/blueprint/<module>/<name>}: the blueprint's card and the activity that mentions it. */
    record BlueprintPage(
            String title,
            String name,
            String url,
            String module,
            String moduleHref,
            List<Field> fields,
            ActivityLog.Person registeredBy,
            String specification,
            String summary,
            String whiteboard,
            ActivityLog activity) {}

    /** {@code /report/record/<primary key>}: one record as the activity log shows it. */
    record RecordPage(String primaryKey, ActivityLog.Entry record) {}

    /**
     * {@code /report/reviews/<module>/open}: the figures and the four waits; {@code downloads} are its tables' CSV and JSON addresses (each
     * wait's oldest change requests by the section's id, their ages by id + {@code -ages}).
     */
    record OpenReviewsPage(OpenReviews figures, int limit, List<WaitSection> sections, DownloadLinks downloads) {}

    /** How many change requests have waited {@code day} whole days. */
    record AgeCount(int day, long changeRequests) {}

    /** One of the four waits, titled; {@code figures} is null when no change request is in the group. */
    record WaitSection(String id, String title, String emptyTitle, boolean sinceLastVote, OpenReviews.Wait figures) {
        Chart chart() {
            List<String> categories = new ArrayList<>();
            for (int day = 0; day < figures.countByAgeInDays().size(); day++) {
                categories.add(Integer.toString(day));
            }
            return new Chart(
                    "bar",
                    title,
                    Map.of(
                            "categories",
                            categories,
                            "values",
                            figures.countByAgeInDays(),
                            "xLabel",
                            "age in days",
                            "yLabel",
                            "change requests"));
        }
    }
}
