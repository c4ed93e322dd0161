package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.Stackvault;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Defaults;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestVaults;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The response cache's keys on the bundled sample data (20,000 generated records): one key
 * must mean one answer, and the spellings of one question should share a key.
 */
class CacheKeysTest {
    private static final ObjectMapper MAPPER = ApiApplication.mapper();
    private static ExecutorService pool;
    private static Vault vault;
    private static Queries queries;
    private static long now;

    @BeforeAll
    static void load() throws Exception {
        DumpStorage storage;
        try (InputStream in =
                new BufferedInputStream(Stackvault.class.getResourceAsStream(Stackvault.SAMPLE_RESOURCE))) {
            storage = DumpStorage.load(in, "sample");
        }
        pool = Executors.newFixedThreadPool(2);
        VaultHolder holder = TestVaults.holder(storage, pool, 2);
        holder.refresh(false);
        vault = holder.current();
        // a fixed "now": answers relative to it (new_companies, affiliation_changes) compare equal
        now = vault.records().date(vault.rowByDate(vault.recordCount() - 1)) + 86400;
        queries = new Queries(Defaults.ORIGINAL, InstantSource.fixed(Instant.ofEpochSecond(now)));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    private static RequestParams params(String query) {
        Map<String, String> values = new HashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                values.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values::get;
    }

    private static String key(String path, String query) {
        return key(queries, path, query);
    }

    /** The cache key the API filter gives the request, or null when it is not cached. */
    private static String key(Queries queries, String path, String query) {
        try {
            ApiRequest request = ApiFilter.parse(queries, path, params(query), vault);
            return request == null ? null : request.cacheKey();
        } catch (QueryException refused) {
            return null; // answered with an error, which is never cached
        }
    }

    /** What the API answers, uncached: the JSON, or the error status. */
    private static String answer(String path, String query) throws Exception {
        try {
            return MAPPER.writeValueAsString(queries.answer(ApiFilter.parse(queries, path, params(query), vault)));
        } catch (QueryException e) {
            return "error " + e.status();
        }
    }

    /** The path of every endpoint, those with an id ending in '/'. */
    private static List<String> paths() {
        return Endpoint.ALL.stream()
                .map(e -> "/" + e.path().replace("{id}", ""))
                .sorted()
                .toList();
    }

    /** Values of each parameter: spellings of one value, values that differ, lists in both orders. */
    private static Map<String, List<String>> vocabulary() {
        var dicts = vault.dictionaries();
        String release = vault.reference().currentRelease();
        String other = vault.reference().releases().get(0).id();
        String company = dicts.companies().value(1);
        String company2 = dicts.companies().value(2);
        List<String> groups =
                new ArrayList<>(new TreeSet<>(vault.reference().moduleGroups().keySet()));
        String user = dicts.users().value(1);
        String user2 = dicts.users().value(2);
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put(
                "release",
                List.of(
                        "all",
                        release,
                        release.toUpperCase(),
                        other,
                        other + "," + release,
                        release + "," + other,
                        "all," + other,
                        ""));
        v.put("project_type", List.of("openstack", "OpenStack", "all", "all,openstack", ""));
        v.put(
                "module",
                List.of(
                        groups.get(0),
                        groups.get(0).toUpperCase(),
                        groups.get(1) + "," + groups.get(0),
                        groups.get(0) + "," + groups.get(1)));
        v.put(
                "company",
                List.of(
                        company,
                        company.toLowerCase(),
                        company.toUpperCase(),
                        company + "," + company2,
                        company2 + "," + company));
        v.put("user_id", List.of(user, user + "," + user2, user2 + "," + user));
        v.put(
                "metric",
                List.of(
                        "marks",
                        "MARKS",
                        "commits",
                        "commits,loc",
                        "loc,commits",
                        "commits,commits",
                        "all",
                        "person-day",
                        "members",
                        "translations",
                        ""));
        v.put("start_date", List.of("2018-01-01", "20180101", "1514764800", "1514768400", ""));
        v.put("end_date", List.of("2019-06-30", "20190630", "1561852800", ""));
        v.put("core_in", List.of("master", "stable/queens"));
        v.put("language", List.of("german", "German", "german,french", "french,german"));
        v.put("page_size", List.of("5", "05", " 5", "+5", "10", ""));
        v.put("start_record", List.of("0", "", "3"));
        v.put("query_message", List.of("the", "THE", "The", "")); // words of the sample's commit messages
        v.put("days", List.of("7", "07", "3000"));
        v.put("start_days", List.of("2018-Jan-01", "2018-jan-01", "1514764800"));
        v.put("end_days", List.of("2019-Jan-01", "1546300800"));
        v.put("tag", List.of("program", "program,library", "library,program", ""));
        v.put("random", List.of("1", "2"));
        return v;
    }

    @Test
    void oneKey_alwaysMeansOneAnswer_andSpellingsOfOneQuestionShareAKey() throws Exception {
        Map<String, List<String>> vocabulary = vocabulary();
        List<String> names = new ArrayList<>(vocabulary.keySet());
        List<String> paths = new ArrayList<>(paths());
        paths.replaceAll(p -> p.endsWith("/") ? p + idOf(p) : p);
        SplittableRandom random = new SplittableRandom(11);
        Map<String, String> answers = new HashMap<>();
        Map<String, String> firstQuery = new HashMap<>();
        int keyed = 0;
        for (String path : paths) {
            for (int i = 0; i < 40; i++) {
                StringBuilder query = new StringBuilder();
                for (String name : names) {
                    if (random.nextInt(4) == 0) {
                        List<String> values = vocabulary.get(name);
                        query.append(query.length() == 0 ? "" : "&")
                                .append(name)
                                .append('=')
                                .append(values.get(random.nextInt(values.size())));
                    }
                }
                String key = key(path, query.toString());
                if (key == null) {
                    continue;
                }
                keyed++;
                String answer = answer(path, query.toString());
                String before = answers.putIfAbsent(key, answer);
                firstQuery.putIfAbsent(key, query.toString());
                assertEquals(
                        before == null ? answer : before,
                        answer,
                        path + "?" + query + " shares the key of " + path + "?" + firstQuery.get(key)
                                + " but answers differently");
            }
        }
        assertTrue(keyed > paths.size() * 30, keyed + " requests had a key");
        assertTrue(
                answers.size() < keyed * 0.9,
                (keyed - answers.size()) + " of " + keyed + " requests shared a key with an earlier one");
    }

    /**
     * The drift a random query rarely finds: a parameter left out and the same parameter
     * spelled as its default must share a key only where the endpoint answers both alike
     * (an absent metric is not marks where it selects something else).
     */
    @Test
    void aDefaultLeftOut_orSpelledOut_sharesAKeyOnlyWhereTheAnswersAgree() throws Exception {
        Map<String, List<String>> vocabulary = vocabulary();
        Map<String, String> defaults =
                Map.of("metric", "marks", "release", vault.reference().currentRelease(), "project_type", "openstack");
        List<String> names = new ArrayList<>(vocabulary.keySet());
        names.removeAll(defaults.keySet());
        List<String> paths = new ArrayList<>(paths());
        paths.replaceAll(p -> p.endsWith("/") ? p + idOf(p) : p);
        SplittableRandom random = new SplittableRandom(17);
        int shared = 0;
        int apart = 0;
        for (String path : paths) {
            for (int i = 0; i < 12; i++) {
                for (Map.Entry<String, String> d : defaults.entrySet()) {
                    // all releases unless the release is the default under test: the sample's
                    // current release holds few records, and an empty answer hides differences
                    StringBuilder base =
                            new StringBuilder(d.getKey().equals("release") ? "project_type=all" : "release=all");
                    if (i % 2 == 0) {
                        base.append("&query_message=the"); // in many commit messages of the sample
                    }
                    for (String name : names) {
                        if (random.nextInt(6) == 0 && !name.equals("query_message")) {
                            List<String> values = vocabulary.get(name);
                            base.append('&').append(name).append('=').append(values.get(random.nextInt(values.size())));
                        }
                    }
                    String spelled = base + "&" + d.getKey() + "=" + d.getValue();
                    String left = key(path, base.toString());
                    if (left == null || !left.equals(key(path, spelled))) {
                        apart++;
                        continue;
                    }
                    shared++;
                    assertEquals(
                            answer(path, base.toString()),
                            answer(path, spelled),
                            path + "?" + base + " shares its key with " + path + "?" + spelled
                                    + " but answers differently");
                }
            }
        }
        assertTrue(shared > 100 && apart > 20, shared + " pairs shared a key, " + apart + " did not");
    }

    private static String idOf(String prefix) {
        return switch (prefix) {
            case "/companies/" -> vault.dictionaries().companies().value(1);
            case "/modules/" -> new TreeSet<>(vault.reference().moduleGroups().keySet()).first();
            default -> vault.dictionaries().users().value(1);
        };
    }

    @Test
    void releaseInAnyCase_andTheOmittedDefault_shareOneKey_whereNothingEchoesIt() {
        String current = vault.reference().currentRelease();
        String key = key("/stats/companies", "release=" + current);
        assertNotNull(key);
        assertEquals(key, key("/stats/companies", "release=" + current.toUpperCase()));
        assertEquals(key, key("/stats/companies", ""));
        assertEquals(key, key("/stats/companies", "metric=marks&project_type=OPENSTACK&unknown=1"));
        assertNotEquals(key, key("/stats/companies", "release=all"));
    }

    @Test
    void answersWithLinks_keepTheFiltersAsWritten() {
        String current = vault.reference().currentRelease();
        assertNotEquals(key("/activity", "release=" + current), key("/activity", "release=" + current.toUpperCase()));
        assertEquals(key("/activity", "release=" + current), key("/activity", ""), "links carry the default");
        String user = "/users/" + vault.dictionaries().users().value(1);
        assertNotEquals(key(user, "company=a"), key(user, "company=b"), "users/<id> links carry any company");
    }

    @Test
    void anAbsentMetric_isNotTheDefaultWhereItMeansSomethingElse() {
        assertNotEquals(key("/stats/bp", ""), key("/stats/bp", "metric=marks"));
        assertNotEquals(key("/members", ""), key("/members", "metric=marks"));
        assertEquals(key("/stats/modules", ""), key("/stats/modules", "metric=marks"));
        assertNotEquals(
                key("/activity", "query_message=fix"),
                key("/activity", "query_message=fix&metric=marks"),
                "without a metric, query_message searches commits");
    }

    @Test
    void theNextDay_isANewKey_asAnswersWithAWindowEndingTodayChange() {
        Queries tomorrow = new Queries(Defaults.ORIGINAL, InstantSource.fixed(Instant.ofEpochSecond(now + 86400)));
        assertNotNull(key("/new_companies", ""));
        assertNotEquals(key("/new_companies", ""), key(tomorrow, "/new_companies", ""));
    }

    @Test
    void listsInAnyOrder_shareAKey_onlyWhereNoQueryReadsTheOrder() {
        assertEquals(key("/stats/timeline", "metric=commits,loc"), key("/stats/timeline", "metric=loc,commits"));
        String current = vault.reference().currentRelease();
        String other = vault.reference().releases().get(0).id();
        assertNotEquals(
                key("/stats/timeline", "release=" + current + "," + other),
                key("/stats/timeline", "release=" + other + "," + current),
                "the timeline reads the first release");
    }

    @Test
    void parametersAnEndpointIgnores_doNotSplitIt() {
        assertEquals(key("/contribution", "metric=commits"), key("/contribution", "metric=loc"));
        assertEquals(
                key("/releases", ""),
                key(
                        "/releases",
                        "metric=commits&company="
                                + vault.dictionaries().companies().value(1) + "&page_size=3"));
        assertEquals(key("/stats/companies", "page_size=1"), key("/stats/companies", "page_size=2&start_record=9"));
        assertEquals(key("/activity", "page_size=5"), key("/activity", "page_size=+05"));
    }

    @Test
    void refusedRequests_andPathsThatAreNotExactlyAnEndpoint_haveNoKey() {
        assertNull(key("/releases", "release=nosuch"), "a 404 is never cached");
        assertNull(key("/activity", "page_size=ten"));
        assertNull(key("/affiliation_changes", "start_days=someday"));
        assertNull(key("/releases/", ""));
        assertNull(key("/rel%65ases", ""), "Jersey does not decode literal segments");
        assertNull(key("/releases;jsessionid=1", ""));
        assertNull(key("/users/", ""));
        assertNull(key("/users/a/b", ""));
        assertNull(key("/health", ""));
        assertNull(key("/no/such", ""));
    }

    @Test
    void anEncodedId_sharesTheKeyOfItsDecodedForm() {
        String user = vault.dictionaries().users().value(1);
        assertEquals(key("/users/" + user, ""), key("/users/" + user.replace("a", "%61"), ""));
    }

    @Test
    void everyEndpointOfTheTable_hasAKey() {
        for (String path : paths()) {
            String spelled = path.endsWith("/") ? path + idOf(path) : path;
            assertNotNull(key(spelled, ""), spelled);
        }
        assertEquals(23, paths().size());
    }
}
