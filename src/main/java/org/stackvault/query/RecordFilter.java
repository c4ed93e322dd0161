package org.stackvault.query;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
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

    private RecordFilter() {
    }

    /** Rows of {@code vault} matching {@code filter}; {@code now} (seconds) ends open date ranges. */
    public static Selection select(Vault vault, Filter filter, long now) {
        RecordTable t = vault.records();
        Predicate p = compile(vault, filter, now);
        int[] candidates = p.candidates;
        int[] out = new int[candidates == null ? Math.min(t.size(), 1 << 16) : candidates.length];
        int n = 0;
        if (candidates != null) {
            for (int row : candidates) {
                if (row < t.size() && p.test(t, row)) {
                    out[n++] = row;
                }
            }
        } else {
            for (int row = 0; row < t.size(); row++) {
                if (p.test(t, row)) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, Math.min(t.size(), out.length * 2));
                    }
                    out[n++] = row;
                }
            }
        }
        return new Selection(Arrays.copyOf(out, n), t.size());
    }

    /** The compiled filter: lookup tables over dictionary codes. */
    private static final class Predicate {
        int typeMask = ALL_TYPES;
        boolean[] releases;
        boolean[] moduleReleases;
        int releaseStride;
        boolean[] users;
        boolean[] companies;
        long minDate = Long.MIN_VALUE;
        long maxDate = Long.MAX_VALUE;
        boolean[] languages;
        int[] candidates;

        boolean test(RecordTable t, int row) {
            if ((typeMask & (1 << t.typeOrdinal(row))) == 0) {
                return false;
            }
            int release = t.release(row);
            if (releases != null && !releases[release]) {
                return false;
            }
            if (moduleReleases != null && !moduleReleases[t.module(row) * releaseStride + release]) {
                return false;
            }
            if (users != null && !users[t.user(row)]) {
                return false;
            }
            if (companies != null && !companies[t.company(row)]) {
                return false;
            }
            long date = t.date(row);
            if (date < minDate || date > maxDate) {
                return false;
            }
            if (languages != null) {
                int lang = t.textValue(row);
                return lang > 0 && languages[lang];
            }
            return true;
        }
    }

    private static Predicate compile(Vault vault, Filter f, long now) {
        Predicate p = new Predicate();
        var dicts = vault.dictionaries();
        if (!f.releases().isEmpty() && !f.allReleases()) {
            p.releases = codes(dicts.releases(), f.releases());
        }
        if (!f.projectTypes().isEmpty() || !f.modules().isEmpty()) {
            Set<ModuleScope.ModuleRelease> pairs = null;
            if (!f.projectTypes().isEmpty()) {
                pairs = ModuleScope.resolve(vault, ModuleScope.groupsOfProjectTypes(vault, f.projectTypes()),
                        f.releases());
            }
            if (!f.modules().isEmpty()) {
                Set<ModuleScope.ModuleRelease> ofModules = ModuleScope.resolve(vault, f.modules(), f.releases());
                if (pairs == null) {
                    pairs = ofModules;
                } else {
                    pairs.retainAll(ofModules);
                }
            }
            p.releaseStride = dicts.releases().size();
            p.moduleReleases = new boolean[dicts.modules().size() * p.releaseStride];
            for (ModuleScope.ModuleRelease mr : pairs) {
                int m = dicts.modules().code(mr.module());
                int r = dicts.releases().code(mr.release());
                if (m > 0 && r > 0) {
                    p.moduleReleases[m * p.releaseStride + r] = true;
                }
            }
        }
        if (!f.userIds().isEmpty()) {
            boolean[] users = new boolean[dicts.users().size()];
            boolean any = false;
            for (String u : f.userIds()) {
                // the original drops user ids without a stored profile from the filter
                int code = vault.userCode(u);
                if (code > 0 && vault.users().find(dicts.users().value(code)) != null) {
                    users[code] = true;
                    any = true;
                }
            }
            if (any) {
                p.users = users;
            }
        }
        if (!f.companies().isEmpty()) {
            p.companies = new boolean[dicts.companies().size()];
            for (String c : f.companies()) {
                int code = vault.companyByFoldedName(Filter.foldCompany(c));
                if (code > 0) {
                    p.companies[code] = true;
                }
            }
        }
        if (!f.metrics().contains("all")) {
            for (String m : f.metrics()) {
                Metric metric = Metric.of(m);
                if (metric != null) {
                    p.typeMask &= metric.typeMask();
                }
            }
        }
        if (!f.blueprintIds().isEmpty()) {
            p.candidates = union(vault, f.blueprintIds());
        }
        if (f.startDate() != null || f.endDate() != null) {
            long startDay = f.startDate() != null ? Dates.day(f.startDate()) : vault.firstRecordDay();
            long endDay = Dates.day(f.endDate() != null ? f.endDate() : now);
            p.minDate = startDay * Dates.DAY;
            p.maxDate = endDay * Dates.DAY + Dates.DAY - 1;
        }
        if (!f.languages().isEmpty()) {
            StringDictionary values = dicts.values();
            p.languages = new boolean[values.size()];
            for (int code = 1; code < values.size(); code++) {
                if (f.languages().contains(values.value(code).toLowerCase(Locale.ROOT))) {
                    p.languages[code] = true;
                }
            }
        }
        return p;
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
