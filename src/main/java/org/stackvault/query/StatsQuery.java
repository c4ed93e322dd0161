package org.stackvault.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.UserProfile;
import org.stackvault.vault.Vault;

/**
 * Aggregates per company, module or engineer ({@code /stats/companies|modules|engineers}),
 * and the engineers' extended table, as the original's {@code _get_aggregated_stats}.
 * Stateless; each call owns its counters.
 */
public final class StatsQuery {
    private static final String INDEPENDENT = "*independent";

    private StatsQuery() {}

    /**
     * Orders group keys largest metric first; equal metrics by id. The original left ties in Python-set order;
     * an order taken from the data itself (not from dictionary codes, which depend on how the
     * vault was built) gives the same data the same answer after a full or an incremental build.
     */
    private static Comparator<Integer> byMetricThenId(long[] metricOf, StringDictionary ids) {
        return Comparator.<Integer>comparingLong(key -> metricOf[key])
                .reversed()
                .thenComparing(ids::value, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    /**
     * @param metric      the aggregation metric (an unknown or multi-valued metric parameter
     *                    falls back to the default, as the original)
     * @param coreModules for engineers: modules whose core reviewers get their branch in
     *                    {@code core}; null for companies and modules
     */
    public static List<StatsRow> aggregate(
            Vault vault, Selection selection, Metric metric, GroupBy groupBy, Set<String> coreModules) {
        StringDictionary keys = groupBy.keys(vault);
        StringDictionary names = groupBy.names(vault);
        Totals totals;
        if (metric.aggregation() == Metric.Aggregation.PERSON_DAY) {
            totals = new Totals(vault, metric, groupBy);
            personDays(vault, selection, groupBy, totals.metric, totals.name);
        } else {
            totals = Parallel.reduce(selection, () -> new Totals(vault, metric, groupBy), Totals::add, Totals::merge);
        }
        long[] metricOf = totals.metric;
        int[] nameOf = totals.name;
        MarkCounter marks = totals.marks;
        List<Integer> groups = new ArrayList<>();
        for (int key = 0; key < metricOf.length; key++) {
            if (metricOf[key] != 0) {
                groups.add(key);
            }
        }
        groups.sort(byMetricThenId(metricOf, keys));
        return Python.addIndex(
                groups,
                key -> INDEPENDENT.equals(keys.value(key)),
                (index, key) -> new StatsRow(
                        index,
                        keys.value(key),
                        nameOf[key] < 0 ? null : names.value(nameOf[key]),
                        metricOf[key],
                        marks == null ? null : marks.summary(key),
                        coreModules == null ? null : new CoreBranch(coreBranch(vault.userProfile(key), coreModules))));
    }

    /** Per-key sums of one part of the selection; parts merge in order. */
    private static final class Totals {
        private final RecordTable t;
        private final Metric.Aggregation aggregation;
        private final GroupBy groupBy;
        final long[] metric;
        final int[] name;
        final MarkCounter marks;

        Totals(Vault vault, Metric metric, GroupBy groupBy) {
            this.t = vault.records();
            this.aggregation = metric.aggregation();
            this.groupBy = groupBy;
            int keys = groupBy.keys(vault).size();
            this.metric = new long[keys];
            this.name = new int[keys];
            Arrays.fill(name, -1);
            this.marks = aggregation == Metric.Aggregation.MARKS ? new MarkCounter(keys) : null;
        }

        private static final int BATCH = 4096;

        /** Adds rows[from..to) in batches: columns gathered once per batch, then tight loops. */
        void add(int[] rows, int from, int to) {
            int[] keys = new int[Math.min(BATCH, to - from)];
            int[] names = new int[keys.length];
            int[] values = aggregation == Metric.Aggregation.LOC ? new int[keys.length] : null;
            for (int start = from; start < to; start += BATCH) {
                int end = Math.min(to, start + BATCH);
                int n = end - start;
                t.gather(groupBy.keyColumn, rows, start, end, keys);
                t.gather(groupBy.nameColumn, rows, start, end, names);
                switch (aggregation) {
                    case COUNT -> {
                        for (int i = 0; i < n; i++) {
                            metric[keys[i]]++;
                        }
                    }
                    case LOC -> {
                        t.gather(RecordTable.Column.LOC, rows, start, end, values);
                        for (int i = 0; i < n; i++) {
                            metric[keys[i]] += values[i];
                        }
                    }
                    case MARKS -> {
                        for (int i = 0; i < n; i++) {
                            metric[keys[i]] += marks.count(t, rows[start + i], keys[i]);
                        }
                    }
                    default -> throw new IllegalStateException(aggregation.name());
                }
                for (int i = 0; i < n; i++) {
                    name[keys[i]] = names[i];
                }
            }
        }

        /** Adds a later part: its sums, and its names (the last record names a group). */
        Totals merge(Totals later) {
            for (int key = 0; key < metric.length; key++) {
                metric[key] += later.metric[key];
                if (later.name[key] >= 0) {
                    name[key] = later.name[key];
                }
            }
            if (marks != null) {
                marks.add(later.marks);
            }
            return this;
        }
    }

    /**
     * Person-days: one per (day, user), credited to the group of the user's first record
     * of that day, in date order (the original's {@code person_day_filter}).
     */
    private static void personDays(Vault vault, Selection selection, GroupBy groupBy, long[] metricOf, int[] nameOf) {
        RecordTable t = vault.records();
        long[] lastDayOfUser = new long[vault.dictionaries().users().size()];
        for (int i = 0; i < vault.recordCount(); i++) {
            int row = vault.rowByDate(i);
            if (!selection.contains(row)) {
                continue;
            }
            long dayPlusOne = Dates.day(t.date(row)) + 1;
            int key = groupBy.key(t, row);
            int user = t.user(row);
            if (lastDayOfUser[user] != dayPlusOne) {
                lastDayOfUser[user] = dayPlusOne;
                metricOf[key]++;
            }
            nameOf[key] = groupBy.name(t, row);
        }
    }

    /** The branch the user is core on among {@code modules}, master preferred; null if none. */
    static String coreBranch(UserProfile user, Set<String> modules) {
        if (user == null) {
            return null;
        }
        String branch = null;
        for (UserProfile.CoreRole role : user.core()) {
            if (modules.contains(role.module())) {
                branch = role.branch();
                if ("master".equals(branch)) {
                    break;
                }
            }
        }
        return branch;
    }

    /**
     * {@link Endpoint#STATS_ENGINEERS_EXTENDED}: per engineer, counts of each record type and the
     * review marks; engineers with no mark, review, commit, email or patch are left out.
     */
    public static List<ExtendedEngineerRow> engineersExtended(
            Vault vault, Selection selection, Set<String> coreModules, long now) {
        RecordTable t = vault.records();
        StringDictionary users = vault.dictionaries().users();
        int types = RecordType.values().length;
        int[] typeCounts = new int[users.size() * types];
        long[] metricOf = new long[users.size()];
        int[] nameOf = new int[users.size()];
        boolean[] seen = new boolean[users.size()];
        MarkCounter marks = new MarkCounter(users.size());
        int markType = RecordType.MARK.ordinal();
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            int user = t.user(row);
            seen[user] = true;
            int type = t.typeOrdinal(row);
            typeCounts[user * types + type]++;
            if (type == markType) {
                metricOf[user] += marks.count(t, row, user);
            }
            nameOf[user] = t.author(row);
        }
        RecordTypeCounts[] recordsOf = new RecordTypeCounts[users.size()];
        List<Integer> active = new ArrayList<>();
        for (int user = 0; user < seen.length; user++) {
            if (seen[user]) {
                recordsOf[user] = RecordTypeCounts.of(typeCounts, user * types);
                if (recordsOf[user].active()) {
                    active.add(user);
                }
            }
        }
        active.sort(byMetricThenId(metricOf, users));
        StringDictionary texts = vault.dictionaries().texts();
        return Python.addIndex(active, (index, user) -> {
            UserProfile profile = vault.userProfile(user);
            return new ExtendedEngineerRow(
                    index,
                    users.value(user),
                    texts.value(nameOf[user]),
                    metricOf[user],
                    recordsOf[user],
                    profile == null ? null : profile.currentCompany(now),
                    coreBranch(profile, coreModules),
                    marks.summary(user));
        });
    }

    /**
     * {@code /stats/distinct_engineers}: user id to the author name and email of the user's
     * latest selected record (by date; of equal dates, the higher record id). The original's
     * loop kept whichever record its id set yielded last.
     */
    public static Map<String, DistinctEngineer> distinctEngineers(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        int[] latest = new int[vault.dictionaries().users().size()];
        Arrays.fill(latest, -1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < selection.size(); i++) {
            int row = selection.row(i);
            int user = t.user(row);
            if (user == StringDictionary.NULL) {
                continue; // a record without a user_id has no engineer to list (and null is no JSON key)
            }
            if (latest[user] < 0) {
                order.add(user);
                latest[user] = row;
            } else if (t.date(row) >= t.date(latest[user])) {
                latest[user] = row; // rows ascend, so on equal dates the later id wins
            }
        }
        Map<String, DistinctEngineer> result = new LinkedHashMap<>();
        StringDictionary texts = vault.dictionaries().texts();
        for (int user : order) {
            result.put(
                    vault.dictionaries().users().value(user),
                    new DistinctEngineer(texts.value(t.author(latest[user])), texts.value(t.email(latest[user]))));
        }
        return result;
    }
}
