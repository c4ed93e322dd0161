package org.stackvault.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackvault.query.Dates;
import org.stackvault.vault.ModuleGroup;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * The open change requests of a module, as the original's {@code open_reviews}: the module's
 * reviews with status NEW, split by the lowest vote on their latest patch set ({@code value}:
 * +1/+2 wait on a reviewer, -1/-2 on the submitter, anything else on CI), and for each of the
 * two waiting groups how long they have waited since the last vote ({@code updated_on}) and
 * since creation ({@code date}). Immutable.
 *
 * @param module the module group's id
 * @param reviewerSinceLastVote null when none waits on a reviewer (as the others)
 */
public record OpenReviews(
        String module,
        long totalOpen,
        long waitingOnSubmitter,
        long waitingOnReviewer,
        long waitingOnCi,
        Wait reviewerSinceLastVote,
        Wait reviewerSinceCreation,
        Wait submitterSinceLastVote,
        Wait submitterSinceCreation) {

    /**
     * How long a group has waited: the average and the longest wait (the original's "N days
     * and M hours"), the number of change requests by age in whole days (index 0: less than a
     * day, up to the oldest), and the oldest ones, oldest first.
     */
    public record Wait(
            String average,
            String max,
            long averageSeconds,
            long maxSeconds,
            List<Long> countByAgeInDays,
            List<OpenReview> oldest) {
        public Wait {
            countByAgeInDays = List.copyOf(countByAgeInDays);
            oldest = List.copyOf(oldest);
        }
    }

    /** A waiting change request: its wait, link, subject and author. */
    public record OpenReview(
            long ageSeconds,
            String age,
            String url,
            String subject,
            String authorName,
            String userId,
            String companyName,
            String primaryKey) {}

    /** What the report reads of a review: its two waiting times' starts and what it shows. */
    private record Review(long date, long updatedOn, Map<?, ?> full) {}

    /**
     * The report of the module group {@code moduleId} at {@code now} (seconds).
     *
     * @param limit the longest list of oldest change requests; negative: all
     * @return null when there is no such module group
     */
    public static OpenReviews of(Vault vault, String moduleId, long now, int limit) {
        ModuleGroup group = vault.reference().moduleGroup(moduleId);
        if (group == null) {
            return null;
        }
        Set<Integer> moduleCodes = new HashSet<>();
        for (String m : group.modules()) {
            moduleCodes.add(vault.dictionaries().modules().code(m));
        }
        for (List<String> modules : group.releases().values()) {
            for (String m : modules) {
                moduleCodes.add(vault.dictionaries().modules().code(m));
            }
        }
        RecordTable t = vault.records();
        int newCode = vault.dictionaries().statuses().code("NEW");
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < t.size(); row++) {
            if (!t.isEmpty(row)
                    && t.type(row) == RecordType.REVIEW
                    && t.status(row) == newCode
                    && moduleCodes.contains(t.module(row))) {
                rows.add(row);
            }
        }
        Map<Integer, Map<?, ?>> full = Stored.fetch(vault, Stored.toArray(rows));
        List<Review> onReviewer = new ArrayList<>();
        List<Review> onSubmitter = new ArrayList<>();
        long totalOpen = 0;
        for (int row : rows) {
            Map<?, ?> review = full.get(row);
            if (review == null || !"NEW".equals(Stored.text(review.get("status")))) {
                continue;
            }
            totalOpen++;
            long date = t.date(row);
            Long updatedOn = Stored.number(review.get("updated_on"));
            Review r = new Review(date, updatedOn == null ? date : updatedOn, review);
            Long value = Stored.number(review.get("value"));
            if (value != null && (value == 1 || value == 2)) {
                onReviewer.add(r);
            } else if (value != null && (value == -1 || value == -2)) {
                onSubmitter.add(r);
            }
        }
        return new OpenReviews(
                group.id(),
                totalOpen,
                onSubmitter.size(),
                onReviewer.size(),
                totalOpen - onReviewer.size() - onSubmitter.size(),
                wait(onReviewer, true, now, limit),
                wait(onReviewer, false, now, limit),
                wait(onSubmitter, true, now, limit),
                wait(onSubmitter, false, now, limit));
    }

    /** The original's {@code _process_stat}: null for no change requests. */
    private static Wait wait(List<Review> reviews, boolean sinceLastVote, long now, int limit) {
        if (reviews.isEmpty()) {
            return null;
        }
        List<Review> sorted = new ArrayList<>(reviews);
        sorted.sort(Comparator.comparingLong(r -> since(r, sinceLastVote)));
        long max = now - since(sorted.get(0), sinceLastVote);
        long[] byDay = new long[Math.max(0, days(max)) + 1];
        long sum = 0;
        List<OpenReview> oldest = new ArrayList<>();
        for (Review r : sorted) {
            long age = now - since(r, sinceLastVote);
            sum += age;
            int day = days(age);
            if (day >= 0 && day < byDay.length) {
                byDay[day]++;
            }
            if (limit < 0 || oldest.size() < limit) {
                Map<?, ?> f = r.full();
                oldest.add(new OpenReview(
                        age,
                        age(age),
                        Stored.text(f.get("url")),
                        Stored.text(f.get("subject")),
                        Stored.text(f.get("author_name")),
                        Stored.text(f.get("user_id")),
                        Stored.text(f.get("company_name")),
                        Stored.text(f.get("primary_key"))));
            }
        }
        List<Long> counts = new ArrayList<>(byDay.length);
        for (long c : byDay) {
            counts.add(c);
        }
        long average = Math.floorDiv(sum, (long) sorted.size());
        return new Wait(age(average), age(max), average, max, counts, oldest);
    }

    private static long since(Review r, boolean sinceLastVote) {
        return sinceLastVote ? r.updatedOn() : r.date();
    }

    /** Whole days, as the original's {@code _get_day} (truncated toward zero). */
    private static int days(long seconds) {
        return (int) (seconds / Dates.DAY);
    }

    /** The original's {@code make_age_string}: "N days and M hours". */
    static String age(long seconds) {
        long days = Math.floorDiv(seconds, Dates.DAY);
        long hours = Math.floorDiv(seconds, 3600L) - days * 24;
        return days + " days and " + hours + " hours";
    }
}
