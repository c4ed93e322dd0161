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
    private TimelineQuery() {
    }

    /**
     * @param filter    the request's full filter (release and start date are read from it)
     * @param selection rows selected with release and start date ignored
     * @param now       seconds; a widened timeline never runs past next week
     */
    public static List<List<List<Object>>> timeline(Vault vault, Filter filter, Selection selection, long now) {
        List<String> metric = filter.metrics();
        long startDate = filter.startDate() == null ? 0 : filter.startDate();
        String releaseName = filter.release() == null ? "all" : filter.release();
        long startWeek;
        long endWeek;
        if (releaseName.contains("all")) {
            startWeek = Dates.week(filter.startDate() != null ? filter.startDate() : vault.reference().allReleasesStart());
            endWeek = Dates.week(filter.endDate() != null ? filter.endDate() : vault.reference().allReleasesEnd());
        } else {
            Release release = vault.reference().release(releaseName);
            startWeek = Dates.week(release.startDate());
            endWeek = Dates.week(release.endDate());
        }
        long releaseStartWeek = startWeek;
        long releaseEndWeek = endWeek;
        long nowWeek = Dates.week(now) + 1;
        if (releaseEndWeek - releaseStartWeek < 52) {
            long expansion = Math.floorDiv(52 - (releaseEndWeek - releaseStartWeek), 2);
            if (releaseEndWeek + expansion < nowWeek) {
                endWeek += expansion;
            } else {
                endWeek = nowWeek;
            }
            startWeek = endWeek - 52;
        }
        // dates far outside the data (start_date=0&end_date=253402300799: 419,000 weeks, tens of
        // MB) list the weeks up to a year around it only; the original listed zeros all the way
        startWeek = Math.max(startWeek, firstWeek(vault) - 52);
        endWeek = Math.min(endWeek, Math.max(lastWeek(vault), nowWeek) + 52);
        int weeks = (int) Math.max(0, endWeek - startWeek);
        long[] loc = new long[weeks];
        long[] commits = new long[weeks];
        long[] highlighted = new long[weeks];

        RecordTable t = vault.records();
        int releaseCode = vault.dictionaries().releases().code(releaseName);
        boolean translations = metric.contains("translations");
        boolean withLoc = metric.contains("commits") || metric.contains("loc");
        boolean members = metric.contains("members");
        if (metric.contains("person-day")) {
            personDays(vault, selection, startWeek, endWeek, releaseCode, commits, highlighted);
        } else {
            long first = startWeek;
            long last = startWeek + weeks;
            Weeks sums = Parallel.reduce(selection, () -> new Weeks(weeks), (w, rows, from, to) -> {
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
                    w.commits[at] += count;
                    if (members) {
                        if (t.date(row) >= startDate) {
                            w.highlighted[at]++;
                        }
                    } else if (releaseCode > 0 && t.release(row) == releaseCode) {
                        w.highlighted[at] += count;
                    }
                }
            }, Weeks::merge);
            loc = sums.loc;
            commits = sums.commits;
            highlighted = sums.highlighted;
        }
        if ("all".equals(releaseName) && !members) {
            highlighted = commits;
        }
        List<Object> seriesCommits = new ArrayList<>(weeks);
        List<Object> seriesHighlighted = new ArrayList<>(weeks);
        List<Object> seriesLoc = new ArrayList<>(weeks);
        for (int w = 0; w < weeks; w++) {
            String label = Dates.formatWeek(startWeek + w);
            seriesCommits.add(List.of(label, commits[w]));
            seriesHighlighted.add(List.of(label, highlighted[w]));
            seriesLoc.add(List.of(label, loc[w]));
        }
        List<List<List<Object>>> result = new ArrayList<>(3);
        result.add(cast(seriesCommits));
        result.add(cast(seriesHighlighted));
        result.add(cast(seriesLoc));
        return result;
    }

    /** The week of the first record or of the start of the releases, whichever is earlier. */
    private static long firstWeek(Vault vault) {
        return Math.min(Dates.week(vault.firstRecordDay() * Dates.DAY), Dates.week(vault.reference().allReleasesStart()));
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
        final long[] commits;
        final long[] highlighted;

        Weeks(int weeks) {
            loc = new long[weeks];
            commits = new long[weeks];
            highlighted = new long[weeks];
        }

        Weeks merge(Weeks later) {
            for (int i = 0; i < loc.length; i++) {
                loc[i] += later.loc[i];
                commits[i] += later.commits[i];
                highlighted[i] += later.highlighted[i];
            }
            return this;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> cast(List<Object> series) {
        return (List<List<Object>>) (List<?>) series;
    }

    /** Distinct (day, user) per week: of all records, and of the selected release's. */
    private static void personDays(Vault vault, Selection selection, long startWeek, long endWeek, int releaseCode,
            long[] all, long[] ofRelease) {
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
            if (week < startWeek || week >= endWeek) {
                continue;
            }
            long day = Dates.day(t.date(row));
            // the original files a day's users under the week of the day itself
            int w = (int) (Dates.week(day * Dates.DAY) - startWeek);
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
