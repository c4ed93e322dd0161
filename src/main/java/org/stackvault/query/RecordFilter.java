package org.stackvault.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.RowMatcher;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.Vault;

/**
 * Selects the rows a filter matches, as the original's {@code record_filter}: release,
 * (module, release) pairs of the project type and module, user, company, metric (record
 * types; several metrics intersect), blueprint, days, language. One pass over the
 * columns with a lookup table per filter; no per-record objects. Stateless.
 */
public final class RecordFilter {
    private static final int ALL_TYPES = ~RecordType.NONE.bit();

    private RecordFilter() {}

    /** Rows per parallel task: big enough that splitting pays, small enough to balance. */
    private static final int SPLIT = 1 << 17;

    /** Rows of {@code vault} matching {@code filter}; {@code now} (seconds) ends open date ranges. */
    public static Selection select(Vault vault, Filter filter, long now) {
        RecordTable t = vault.records();
        Compiled c = compile(vault, filter, now);
        RowMatcher m = c.matcher.build(vault);
        if (c.candidates != null) {
            int[] out = new int[c.candidates.length];
            return new Selection(Arrays.copyOf(out, t.match(m, c.candidates, out, 0)), t.size());
        }
        int size = t.size();
        if (size <= SPLIT) {
            int[] out = new int[size];
            return new Selection(Arrays.copyOf(out, t.match(m, 0, size, out, 0)), size);
        }
        // one request on several cores: ranges matched in parallel, concatenated in order
        int[][] parts = IntStream.range(0, (size + SPLIT - 1) / SPLIT)
                .parallel()
                .mapToObj(i -> {
                    int from = i * SPLIT;
                    int to = Math.min(size, from + SPLIT);
                    int[] out = new int[to - from];
                    return Arrays.copyOf(out, t.match(m, from, to, out, 0));
                })
                .toArray(int[][]::new);
        int total = 0;
        for (int[] part : parts) {
            total += part.length;
        }
        int[] rows = new int[total];
        int n = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, rows, n, part.length);
            n += part.length;
        }
        return new Selection(rows, size);
    }

    /** A filter as lookup tables, plus the candidate rows of a blueprint filter. */
    private record Compiled(RowMatcher.Builder matcher, int[] candidates) {}

    private static Compiled compile(Vault vault, Filter f, long now) {
        RowMatcher.Builder m = new RowMatcher.Builder();
        byRelease(m, vault, f);
        byModule(m, vault, f);
        byUser(m, vault, f);
        byCompany(m, vault, f);
        byMetric(m, f);
        byDate(m, vault, f, now);
        byLanguage(m, vault, f);
        return new Compiled(m, f.blueprintIds().isEmpty() ? null : union(vault, f.blueprintIds()));
    }

    /** The releases asked for, unless all. */
    private static void byRelease(RowMatcher.Builder m, Vault vault, Filter f) {
        if (!f.releases().isEmpty() && !f.allReleases()) {
            m.releases(codes(vault.dictionaries().releases(), f.releases()));
        }
    }

    /**
     * The (module, release) pairs of the project types' module groups and of the modules
     * asked for; both given: the pairs in both.
     */
    private static void byModule(RowMatcher.Builder m, Vault vault, Filter f) {
        if (f.projectTypes().isEmpty() && f.modules().isEmpty()) {
            return;
        }
        Set<ModuleScope.ModuleRelease> pairs = null;
        if (!f.projectTypes().isEmpty()) {
            pairs = ModuleScope.resolve(vault, ModuleScope.groupsOfProjectTypes(vault, f.projectTypes()), f.releases());
        }
        if (!f.modules().isEmpty()) {
            Set<ModuleScope.ModuleRelease> ofModules = ModuleScope.resolve(vault, f.modules(), f.releases());
            if (pairs == null) {
                pairs = ofModules;
            } else {
                pairs.retainAll(ofModules);
            }
        }
        StringDictionary modules = vault.dictionaries().modules();
        StringDictionary releases = vault.dictionaries().releases();
        int stride = releases.size();
        boolean[] moduleReleases = new boolean[modules.size() * stride];
        for (ModuleScope.ModuleRelease mr : pairs) {
            int module = modules.code(mr.module());
            int release = releases.code(mr.release());
            if (module > 0 && release > 0) {
                moduleReleases[module * stride + release] = true;
            }
        }
        m.moduleReleases(moduleReleases, stride);
    }

    /** The users asked for that have a stored profile; none such: no user filter. */
    private static void byUser(RowMatcher.Builder m, Vault vault, Filter f) {
        if (f.userIds().isEmpty()) {
            return;
        }
        boolean[] users = new boolean[vault.dictionaries().users().size()];
        boolean any = false;
        for (String u : f.userIds()) {
            // the original drops user ids without a stored profile from the filter
            int code = vault.userCode(u);
            if (code > 0 && vault.userProfile(code) != null) {
                users[code] = true;
                any = true;
            }
        }
        if (any) {
            m.users(users);
        }
    }

    /** The companies asked for, by their folded names. */
    private static void byCompany(RowMatcher.Builder m, Vault vault, Filter f) {
        if (f.companies().isEmpty()) {
            return;
        }
        boolean[] companies = new boolean[vault.dictionaries().companies().size()];
        for (String c : f.companies()) {
            int code = vault.companyByFoldedName(Filter.foldCompany(c));
            if (code > 0) {
                companies[code] = true;
            }
        }
        m.companies(companies);
    }

    /** The record types every metric asked for counts (several metrics intersect), unless "all". */
    private static void byMetric(RowMatcher.Builder m, Filter f) {
        int typeMask = ALL_TYPES;
        if (!f.metrics().contains("all")) {
            for (String name : f.metrics()) {
                Metric metric = Metric.of(name);
                if (metric != null) {
                    typeMask &= metric.typeMask();
                }
            }
        }
        m.typeMask(typeMask);
    }

    /**
     * Whole days from the start date (else the first record's day) to the end date (else
     * {@code now}), when either is given.
     */
    private static void byDate(RowMatcher.Builder m, Vault vault, Filter f, long now) {
        if (f.startDate() == null && f.endDate() == null) {
            return;
        }
        long startDay = f.startDate() != null ? Dates.day(f.startDate()) : vault.firstRecordDay();
        long endDay = Dates.day(f.endDate() != null ? f.endDate() : now);
        m.dates(startDay * Dates.DAY, endDay * Dates.DAY + Dates.DAY - 1);
    }

    /** The translations into the languages asked for (text values, matched case-insensitively). */
    private static void byLanguage(RowMatcher.Builder m, Vault vault, Filter f) {
        if (f.languages().isEmpty()) {
            return;
        }
        StringDictionary values = vault.dictionaries().values();
        boolean[] languages = new boolean[values.size()];
        for (int code = 1; code < values.size(); code++) {
            languages[code] = f.languages().contains(values.value(code).toLowerCase(Locale.ROOT));
        }
        m.values(languages);
    }

    private static boolean[] codes(StringDictionary dictionary, List<String> values) {
        boolean[] allowed = new boolean[dictionary.size()];
        for (String v : values) {
            int code = dictionary.code(v);
            if (code > 0) {
                allowed[code] = true;
            }
        }
        return allowed;
    }

    private static int[] union(Vault vault, List<String> blueprintIds) {
        int[] all = new int[0];
        for (String id : blueprintIds) {
            int[] rows = vault.rowsOfBlueprint(id);
            int[] merged = Arrays.copyOf(all, all.length + rows.length);
            System.arraycopy(rows, 0, merged, all.length, rows.length);
            all = merged;
        }
        Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (n == 0 || all[n - 1] != all[i]) {
                all[n++] = all[i];
            }
        }
        return Arrays.copyOf(all, n);
    }
}
