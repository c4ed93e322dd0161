package org.stackvault.query;

import java.util.ArrayList;
import java.util.List;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.Release;
import org.stackvault.vault.Vault;

/**
 * {@code /stats/timeline}: three weekly series (records, records of the selected
 * release, lines of code) over the release, widened to a year when shorter, as the
 * original's {@code timeline}. Stateless.
 */
public final class TimelineQuery {
    private TimelineQuery() {}

    /**
     * @param filter    the request's full filter (release and start date are read from it)
     * @param selection rows selected with release and start date ignored
     * @param now       seconds; a widened timeline never runs past next week
     */
    public static Timeline timeline(Vault vault, Filter filter, Selection selection, long now) {
        String releaseName = filter.release() == null ? "all" : filter.release();
        WeekRange range = weekRange(vault, filter, releaseName, now);
        Weeks sums =
                sums(vault, filter, selection, vault.dictionaries().releases().code(releaseName), range);
        long[] highlighted =
                "all".equals(releaseName) && !filter.metrics().contains("members") ? sums.records : sums.highlighted;
        String[] labels = new String[range.count()];
        for (int w = 0; w < labels.length; w++) {
            labels[w] = Dates.formatWeek(range.start() + w);
        }
        return new Timeline(series(labels, sums.records), series(labels, highlighted), series(labels, sums.loc));
    }

    /** Weeks {@code start} (inclusive) to {@code end} (exclusive), week numbers of {@link Dates#week}. */
    private record WeekRange(long start, long end) {
        int count() {
            return (int) Math.max(0, end - start);
        }
    }

    /**
     * The weeks of the release (of all releases: from the start to the end date, or the
     * releases' span), widened to a year when shorter, and cut to a year around the data.
     */
    private static WeekRange weekRange(Vault vault, Filter filter, String releaseName, long now) {
        long startWeek;
        long endWeek;
        if (releaseName.contains("all")) {
            startWeek = Dates.week(
                    filter.startDate() != null
                            ? filter.startDate()
                            : vault.reference().allReleasesStart());
            endWeek = Dates.week(
                    filter.endDate() != null
                            ? filter.endDate()
                            : vault.reference().allReleasesEnd());
        } else {
            Release release = vault.reference().release(releaseName);
            startWeek = Dates.week(release.startDate());
            endWeek = Dates.week(release.endDate());
        }
        long nowWeek = Dates.week(now) + 1;
        if (endWeek - startWeek < 52) {
            long expansion = Math.floorDiv(52 - (endWeek - startWeek), 2);
            endWeek = endWeek + expansion < nowWeek ? endWeek + expansion : nowWeek;
            startWeek = endWeek - 52;
        }
        // dates far outside the data (start_date=0&end_date=253402300799: 419,000 weeks, tens of
        // MB) list the weeks up to a year around it only; the original listed zeros all the way
        return new WeekRange(
                Math.max(startWeek, firstWeek(vault) - 52), Math.min(endWeek, Math.max(lastWeek(vault), nowWeek) + 52));
    }

    /**
     * The weekly sums over {@code range}: records (translations: words; person-day: distinct
     * days of each user), those of the release {@code releaseCode} (members: those since the
     * start date), and lines of code (with the commits or loc metric).
     */
    private static Weeks sums(Vault vault, Filter filter, Selection selection, int releaseCode, WeekRange range) {
        List<String> metric = filter.metrics();
        int weeks = range.count();
        if (metric.contains("person-day")) {
            Weeks sums = new Weeks(weeks);
            personDays(vault, selection, range, releaseCode, sums.records, sums.highlighted);
            return sums;
        }
        RecordTable t = vault.records();
        long startDate = filter.startDate() == null ? 0 : filter.startDate();
        boolean translations = metric.contains("translations");
        boolean withLoc = metric.contains("commits") || metric.contains("loc");
        boolean members = metric.contains("members");
        long first = range.start();
        long last = first + weeks;
        return Parallel.reduce(
                selection,
                () -> new Weeks(weeks),
                (w, rows, from, to) -> {
                    for (int i = from; i < to; i++) {
                        int row = rows[i];
                        long week = t.week(row);
                        if (week < first || week >= last) {
                            continue;
                        }
                        int at = (int) (week - first);
                        long count = translations ? t.loc(row) : 1;
                        if (withLoc) {
                            w.loc[at] += t.loc(row);
                        }
                        w.records[at] += count;
                        if (members) {
                            if (t.date(row) >= startDate) {
                                w.highlighted[at]++;
                            }
                        } else if (releaseCode > 0 && t.release(row) == releaseCode) {
                            w.highlighted[at] += count;
                        }
                    }
                },
                Weeks::merge);
    }

    private static List<WeekCount> series(String[] labels, long[] counts) {
        List<WeekCount> series = new ArrayList<>(labels.length);
        for (int w = 0; w < labels.length; w++) {
            series.add(new WeekCount(labels[w], counts[w]));
        }
        return series;
    }

    /** The week of the first record or of the start of the releases, whichever is earlier. */
    private static long firstWeek(Vault vault) {
        return Math.min(
                Dates.week(vault.firstRecordDay() * Dates.DAY),
                Dates.week(vault.reference().allReleasesStart()));
    }

    /** The week after the last record, or the end of the releases, whichever is later. */
    private static long lastWeek(Vault vault) {
        long releasesEnd = Dates.week(vault.reference().allReleasesEnd());
        int n = vault.recordCount();
        return n == 0 ? releasesEnd : Math.max(releasesEnd, vault.records().week(vault.rowByDate(n - 1)) + 1);
    }

    /** Weekly sums of one part of the selection. */
    private static final class Weeks {
        final long[] loc;
        final long[] records;
        final long[] highlighted;

        Weeks(int weeks) {
            loc = new long[weeks];
            records = new long[weeks];
            highlighted = new long[weeks];
        }

        Weeks merge(Weeks later) {
            for (int i = 0; i < loc.length; i++) {
                loc[i] += later.loc[i];
                records[i] += later.records[i];
                highlighted[i] += later.highlighted[i];
            }
            return this;
        }
    }

    /** Distinct (day, user) per week: of all records, and of the selected release's. */
    private static void personDays(
            Vault vault, Selection selection, WeekRange range, int releaseCode, long[] all, long[] ofRelease) {
        RecordTable t = vault.records();
        int users = vault.dictionaries().users().size();
        long[] lastDay = new long[users];
        long[] lastReleaseDay = new long[users];
        for (int i = 0; i < vault.recordCount(); i++) {
            int row = vault.rowByDate(i);
            if (!selection.contains(row)) {
                continue;
            }
            long week = t.week(row);
            if (week < range.start() || week >= range.end()) {
                continue;
            }
            long day = Dates.day(t.date(row));
            // the original files a day's users under the week of the day itself
            int w = (int) (Dates.week(day * Dates.DAY) - range.start());
            int user = t.user(row);
            if (lastDay[user] != day + 1) {
                lastDay[user] = day + 1;
                if (w >= 0 && w < all.length) {
                    all[w]++;
                }
            }
            if (releaseCode > 0 && t.release(row) == releaseCode && lastReleaseDay[user] != day + 1) {
                lastReleaseDay[user] = day + 1;
                if (w >= 0 && w < ofRelease.length) {
                    ofRelease[w]++;
                }
            }
        }
    }
}
