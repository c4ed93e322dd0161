package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.testing.TestVaults;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The column scan (branchless loops, per-type and per-user row lists, parallel parts)
 * selects exactly the rows a plain reading of the original's filter semantics selects, for
 * random filters over 140,000 random records.
 */
class RecordFilterTest {
    private static final String[] COMPANIES = {"IBM", "Intel", "Red Hat", "AT&T", "*robots"};
    private static final String[] MODULES = {"nova", "glance", "keystone", "unknown"};
    private static final String[] USERS = {"john_doe", "jane", "kim", "lee"};
    private static final String[] TYPES = {"commit", "mark", "review", "patch", "email", "tr", "bpd", "member"};
    private static final long NOW = 1_700_000_000L;
    private static ExecutorService pool;
    private static Vault vault;
    private static List<Map<?, ?>> records;

    @BeforeAll
    static void buildAVaultOfRandomRecords() {
        SwitchableStorage storage = new SwitchableStorage();
        TestStore store = new TestStore(storage).referenceData();
        for (String u : USERS) {
            store.user(u, u.toUpperCase(Locale.ROOT), "IBM", u + "@example.com");
        }
        SplittableRandom random = new SplittableRandom(11);
        List<TestRecords.Builder> builders = new ArrayList<>();
        // more rows than one part of a parallel scan, so the parts and their merge are tested too
        for (int i = 0; i < 140_000; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            TestRecords.Builder b = TestRecords.of(type)
                    .company(COMPANIES[random.nextInt(COMPANIES.length)])
                    .module(MODULES[random.nextInt(MODULES.length)])
                    .release(random.nextBoolean() ? "train" : "stein")
                    .user(USERS[random.nextInt(USERS.length)], "x")
                    .date(TestStore.STEIN_END - 200 * 86400L + random.nextInt(400) * 86400L);
            if (type.equals("tr")) {
                b.set("value", random.nextBoolean() ? "German" : "French").set("loc", 3L);
            }
            builders.add(b);
        }
        store.load(builders.toArray(new TestRecords.Builder[0]));
        pool = Executors.newFixedThreadPool(2);
        VaultHolder holder = TestVaults.holder(storage, pool, 2);
        holder.refresh(false);
        vault = holder.current();
        records = new ArrayList<>();
        for (int row = 0; row < store.recordCount(); row++) {
            records.add((Map<?, ?>) storage.get("record:" + row));
        }
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void randomFilters_selectWhatThePlainSemanticsSelect() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 150; i++) {
            Map<String, String> params = new HashMap<>();
            params.put("release", pick(random, "all", "train", "stein", "all"));
            params.put("project_type", pick(random, "all", "openstack", "others", "openstack,others"));
            maybe(
                    random,
                    params,
                    "module",
                    "nova",
                    "core-group",
                    "glance",
                    "keystone",
                    "NOVA",
                    "Core-Group",
                    "glance,keystone");
            maybe(random, params, "company", "ibm", "intel", "att", "red hat");
            maybe(random, params, "user_id", "john_doe", "jane", "kim", "john_doe,jane");
            params.put(
                    "metric",
                    pick(random, "all", "commits", "marks", "patches", "translations", "person-day", "emails"));
            if (random.nextInt(4) == 0) {
                params.put("start_date", Long.toString(TestStore.STEIN_END - random.nextInt(300) * 86400L));
            }
            if (random.nextInt(4) == 0) {
                params.put("end_date", Long.toString(TestStore.STEIN_END + random.nextInt(300) * 86400L));
            }
            maybe(random, params, "language", "german", "french");
            Filter filter = Filter.parse(params::get, vault, Defaults.ORIGINAL);
            assertArrayEquals(
                    expected(filter, params),
                    RecordFilter.select(vault, filter, NOW).rows(),
                    params.toString());
        }
    }

    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static void maybe(SplittableRandom random, Map<String, String> params, String name, String... values) {
        if (random.nextInt(3) == 0) {
            params.put(name, pick(random, values));
        }
    }

    /** The plain modules of each module group of {@link TestStore#referenceData()}. */
    private static final Map<String, Set<String>> PLAIN_MODULES = Map.of(
            "nova",
            Set.of("nova"),
            "glance",
            Set.of("glance"),
            "keystone",
            Set.of("keystone"),
            "unknown",
            Set.of("unknown"),
            "core-group",
            Set.of("nova", "glance"),
            "openstack-official",
            Set.of());
    /** The per-release modules of its project-type group. */
    private static final Map<String, Map<String, Set<String>>> RELEASE_MODULES =
            Map.of("openstack-official", Map.of("stein", Set.of("nova"), "train", Set.of("nova", "glance")));

    private static final Map<String, List<String>> PROJECT_TYPE_GROUPS = Map.of(
            "all", List.of("openstack-official", "keystone", "unknown"),
            "openstack", List.of("openstack-official"),
            "others", List.of("keystone", "unknown"));

    /**
     * Whether a record of {@code module} in {@code release} is in the scope of any of the
     * groups (ids as requested, compared in lower case: the test groups are all lower case),
     * read off the literal tables above: plain modules in every selected release, per-release
     * modules in their release if it is selected.
     */
    private static boolean inScope(List<String> groups, String module, String release, Filter f) {
        boolean releaseSelected = f.allReleases() || f.releases().contains(release);
        for (String requested : groups) {
            String g = requested.toLowerCase(Locale.ROOT);
            if (releaseSelected
                    && (PLAIN_MODULES.get(g).contains(module)
                            || RELEASE_MODULES
                                    .getOrDefault(g, Map.of())
                                    .getOrDefault(release, Set.of())
                                    .contains(module))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(Map<String, String> params, String name) {
        String raw = params.get(name);
        return raw == null ? List.of() : List.of(raw.split(","));
    }

    /** The rows a direct reading of the original's record_filter selects. */
    private static int[] expected(Filter f, Map<String, String> params) {
        List<String> projectTypeGroups = new ArrayList<>();
        for (String pt : split(params, "project_type")) {
            projectTypeGroups.addAll(PROJECT_TYPE_GROUPS.get(pt));
        }
        List<String> moduleGroups = split(params, "module");
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < records.size(); row++) {
            Map<?, ?> r = records.get(row);
            String type = (String) r.get("record_type");
            String company = (String) r.get("company_name");
            if ("*robots".equals(company) && !type.equals("patch") && !type.equals("review")) {
                continue;
            }
            String release = (String) r.get("release");
            if (!f.allReleases() && !f.releases().isEmpty() && !f.releases().contains(release)) {
                continue;
            }
            String module = (String) r.get("module");
            if (!projectTypeGroups.isEmpty() && !inScope(projectTypeGroups, module, release, f)) {
                continue;
            }
            if (!moduleGroups.isEmpty() && !inScope(moduleGroups, module, release, f)) {
                continue;
            }
            if (!f.userIds().isEmpty() && !f.userIds().contains((String) r.get("user_id"))) {
                continue;
            }
            if (!f.companies().isEmpty()
                    && f.companies().stream().map(Filter::foldCompany).noneMatch(Filter.foldCompany(company)::equals)) {
                continue;
            }
            if (!f.metrics().contains("all")) {
                boolean all = true;
                for (String m : f.metrics()) {
                    all &= (Metric.of(m).typeMask()
                                    & (1
                                            << org.stackvault.vault.RecordType.of(type)
                                                    .ordinal()))
                            != 0;
                }
                if (!all) {
                    continue;
                }
            }
            long date = (Long) r.get("date");
            if (f.startDate() != null || f.endDate() != null) {
                long start = f.startDate() != null ? Dates.day(f.startDate()) : vault.firstRecordDay();
                long end = Dates.day(f.endDate() != null ? f.endDate() : NOW);
                if (Dates.day(date) < start || Dates.day(date) > end) {
                    continue;
                }
            }
            if (!f.languages().isEmpty()
                    && !(r.get("value") instanceof String lang
                            && f.languages().contains(lang.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            rows.add(row);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
