package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a generated data set holds (built-in reference data): the processor's keys and
 * field types, the record mix, and the references between records the dashboard relies on.
 */
class GeneratedRecordsTest {
    private static final int RECORDS = 8000;

    @TempDir
    static Path dir;

    static Path file;
    static GeneratedDump dump;

    @BeforeAll
    static void generate() throws IOException {
        file = GeneratedDump.generate(dir.resolve("data.pickle"), RECORDS, 11, null);
        dump = GeneratedDump.read(file);
    }

    @Test
    void keys_areThoseTheProcessorWrites() {
        Set<String> expected = new LinkedHashSet<>(List.of(
                "module_groups",
                "project_types",
                "repos",
                "releases",
                "companies",
                "runtime_storage_update_time",
                "record:count",
                "user:count"));
        assertEquals(expected, dump.other.keySet());
        assertEquals((long) RECORDS, dump.other.get("record:count"));
        for (int i = 0; i < RECORDS; i++) {
            assertEquals((long) i, dump.records.get(i).get("record_id"), "record_id of record:" + i);
        }
        long users = (Long) dump.other.get("user:count");
        for (long seq = 1; seq <= users; seq++) {
            Map<String, Object> user = dump.user(Long.toString(seq));
            assertNotNull(user, "user:" + seq);
            assertEquals(seq, user.get("seq"));
        }
        assertFalse(dump.keys.stream().anyMatch(k -> k.startsWith("update:")));
        assertEquals(dump.keys.size(), new HashSet<>(dump.keys).size(), "every key once");
    }

    @Test
    void recordMix_isMostlyMarksThenPatchSets() {
        assertShare("mark", 0.45, 0.55);
        assertShare("patch", 0.12, 0.18);
        assertShare("commit", 0.08, 0.12);
        assertShare("review", 0.065, 0.095);
        assertShare("email", 0.065, 0.095);
        for (String type : List.of("bugf", "bugr", "bpd", "bpc", "tr", "member")) {
            assertShare(type, 0.002, 0.04);
        }
        long robots = dump.records.stream()
                .filter(r -> "*robots".equals(r.get("company_name")))
                .count();
        assertTrue(robots > 0 && robots < RECORDS * 0.02, "robots' records: " + robots);
        Set<Object> robotTypes = new HashSet<>();
        dump.records.stream()
                .filter(r -> "*robots".equals(r.get("company_name")))
                .forEach(r -> robotTypes.add(r.get("record_type")));
        assertTrue(robotTypes.containsAll(List.of("patch", "review")), "robots own changes: " + robotTypes);
        assertFalse(robotTypes.contains("commit"), "the processor drops robots' commits");
    }

    private static void assertShare(String type, double min, double max) {
        double share = dump.count(type) / (double) RECORDS;
        assertTrue(
                share >= min && share <= max,
                type + " is " + share + " of the records, not in [" + min + ", " + max + "]");
    }

    @Test
    void marksAndPatchSets_referToAnEarlierReviewAndPatchSetOfTheSameChange() {
        Map<Object, Map<String, Object>> reviews = new HashMap<>();
        Map<Object, Map<String, Object>> patches = new HashMap<>();
        for (Map<String, Object> r : dump.records) {
            switch ((String) r.get("record_type")) {
                case "review" -> reviews.put(r.get("id"), r);
                case "patch" -> {
                    Map<String, Object> review = reviews.get(r.get("review_id"));
                    assertNotNull(review, "patch " + r.get("primary_key") + " comes after its review");
                    assertEquals(r.get("review_id") + ":" + r.get("number"), r.get("primary_key"));
                    assertSameChange(review, r);
                    patches.put(r.get("primary_key"), r);
                }
                case "mark" -> {
                    Map<String, Object> review = reviews.get(r.get("review_id"));
                    assertNotNull(review, "mark " + r.get("primary_key") + " comes after its review");
                    Map<String, Object> patch = patches.get(r.get("review_id") + ":" + r.get("patch"));
                    assertNotNull(patch, "mark " + r.get("primary_key") + " comes after its patch set");
                    assertSameChange(review, r);
                    String type = (String) r.get("type");
                    assertEquals(
                            r.get("review_id") + String.valueOf(r.get("date")) + type.replace("Self-", ""),
                            r.get("primary_key"));
                    assertTrue(
                            List.of(
                                            "Code-Review",
                                            "Workflow",
                                            "Abandon",
                                            "Self-Code-Review",
                                            "Self-Workflow",
                                            "Self-Abandon")
                                    .contains(type),
                            type);
                    assertEquals(
                            type.startsWith("Self-"),
                            r.get("gerrit_id").equals(patch.get("gerrit_id")),
                            "Self- exactly when the reviewer uploaded the patch set: " + r);
                    long value = (Long) r.get("value");
                    switch (type.replace("Self-", "")) {
                        case "Code-Review" -> assertTrue(value >= -2 && value <= 2, "vote " + value);
                        case "Workflow" -> assertTrue(value == 1 || value == -1, "workflow " + value);
                        default -> assertEquals(0, value, "abandon");
                    }
                    if (r.containsKey("disagreement")) {
                        assertEquals("Code-Review", type);
                        assertInstanceOf(Boolean.class, r.get("disagreement"));
                    }
                }
                default -> {}
            }
        }
        assertTrue(patches.size() > 0 && reviews.size() > 0);
    }

    private static void assertSameChange(Map<String, Object> review, Map<String, Object> r) {
        assertEquals(review.get("module"), r.get("module"), "module of " + r.get("primary_key"));
        assertEquals(review.get("branch"), r.get("branch"), "branch of " + r.get("primary_key"));
    }

    @Test
    void mergedChangesCommit_carriesTheChangeId_andTheMergeDate() {
        Map<Object, Map<String, Object>> reviews = new HashMap<>();
        dump.ofType("review").forEach(r -> reviews.put(r.get("id"), r));
        int landed = 0;
        for (Map<String, Object> commit : dump.ofType("commit")) {
            Map<String, Object> review =
                    commit.get("change_id") instanceof List<?> ids ? reviews.get(ids.get(0)) : null;
            if (review != null) {
                List<?> ids = (List<?>) commit.get("change_id");
                assertEquals("MERGED", review.get("status"));
                assertEquals(review.get("lastUpdated"), commit.get("date"));
                assertTrue(((String) commit.get("message")).contains("Change-Id: " + ids.get(0)));
                landed++;
            }
        }
        assertTrue(landed > 0, "some commits landed through a generated review");
    }

    @Test
    void primaryKeys_areUnique() {
        Set<Object> keys = new HashSet<>();
        for (Map<String, Object> r : dump.records) {
            assertTrue(keys.add(r.get("primary_key")), "duplicate primary key " + r.get("primary_key"));
        }
    }

    @Test
    void releaseAndWeek_followTheDate() {
        List<?> releases = (List<?>) dump.other.get("releases");
        assertEquals("prehistory", ((Map<?, ?>) releases.get(0)).get("release_name"));
        List<Long> ends = new ArrayList<>();
        releases.forEach(r -> ends.add((Long) ((Map<?, ?>) r).get("end_date")));
        for (Map<String, Object> r : dump.records) {
            long date = (Long) r.get("date");
            int index = 0;
            while (index < ends.size() - 1 && ends.get(index) <= date) {
                index++;
            }
            assertEquals(((Map<?, ?>) releases.get(index)).get("release_name"), r.get("release"), "release of " + r);
            assertEquals(Math.floorDiv(date - 3 * 86400, 604800), r.get("week"), "week of " + r);
            assertTrue(date >= ends.get(0) && date < ends.get(ends.size() - 1), "date inside the calendar: " + r);
        }
    }

    @Test
    void companyAndUserId_followTheAuthorsProfile() {
        for (Map<String, Object> r : dump.records) {
            Map<String, Object> user = dump.user((String) r.get("user_id"));
            assertNotNull(user, "a profile for " + r.get("user_id"));
            assertEquals(r.get("user_id"), user.get("user_id"));
            assertEquals(companyAt(user, (Long) r.get("date")), r.get("company_name"), "company of " + r);
        }
    }

    /** The first affiliation ending after the date, else the last. */
    static Object companyAt(Map<String, Object> user, long date) {
        List<?> companies = (List<?>) user.get("companies");
        for (Object c : companies) {
            long end = (Long) ((Map<?, ?>) c).get("end_date");
            if (date < end) {
                return ((Map<?, ?>) c).get("company_name");
            }
        }
        return ((Map<?, ?>) companies.get(companies.size() - 1)).get("company_name");
    }

    @Test
    void users_haveTheProcessorsFields_andEveryAliasKey() {
        int core = 0;
        for (Map.Entry<String, Map<String, Object>> e : dump.users.entrySet()) {
            Map<String, Object> user = e.getValue();
            assertInstanceOf(String.class, user.get("user_id"));
            assertInstanceOf(List.class, user.get("emails"));
            assertInstanceOf(List.class, user.get("companies"));
            Object lp = user.get("launchpad_id");
            if (lp instanceof String s) {
                assertEquals(s, user.get("user_id"), "user_id is the launchpad id when there is one");
                assertEquals(user, dump.user(s));
            } else if (!((String) user.get("user_id")).startsWith("member:")) {
                assertEquals(((List<?>) user.get("emails")).get(0), user.get("user_id"));
            }
            if (user.get("gerrit_id") instanceof String g) {
                assertEquals(user, dump.user("gerrit:" + g));
            }
            if (user.get("zanata_id") instanceof String z) {
                assertEquals(user, dump.user("zanata:" + z));
            }
            for (Object email : (List<?>) user.get("emails")) {
                assertEquals(user, dump.user((String) email));
            }
            if (user.get("core") instanceof List<?> pairs) {
                core++;
                for (Object pair : pairs) {
                    assertEquals(2, ((List<?>) pair).size());
                }
            }
        }
        assertTrue(core > 0, "some users are core reviewers");
        assertTrue(dump.users.values().stream().anyMatch(u -> Boolean.TRUE.equals(u.get("static"))));
        assertTrue(dump.users.values().stream().anyMatch(u -> !u.containsKey("static")));
    }

    @Test
    void fieldTypes_areThoseOfTheProcessor() {
        Map<String, Object> commit = dump.ofType("commit").get(0);
        assertInstanceOf(Set.class, commit.get("branches"), "a commit's branches are a Python set");
        for (String f : List.of(
                "date", "commit_date", "files_changed", "lines_added", "lines_deleted", "loc", "record_id", "week")) {
            assertInstanceOf(Long.class, commit.get(f), f);
        }
        Map<String, Object> mark = dump.ofType("mark").get(0);
        assertInstanceOf(Long.class, mark.get("value"));
        assertInstanceOf(Long.class, mark.get("patch"));
        Map<String, Object> patch = dump.ofType("patch").get(0);
        assertInstanceOf(String.class, patch.get("number"));
        Map<String, Object> review = dump.ofType("review").get(0);
        assertInstanceOf(String.class, review.get("number"));
        assertInstanceOf(Boolean.class, review.get("open"));
        assertTrue(List.of("MERGED", "ABANDONED", "NEW").contains(review.get("status")));
        Map<String, Object> email = dump.ofType("email").get(0);
        assertInstanceOf(List.class, email.get("bug_id"));
        assertInstanceOf(List.class, email.get("blueprint_id"));
        Map<String, Object> tr = dump.ofType("tr").get(0);
        assertInstanceOf(String.class, tr.get("value"));
        assertEquals(tr.get("translated"), tr.get("loc"));
        Map<String, Object> member = dump.ofType("member").get(0);
        assertEquals("member:" + member.get("member_id"), member.get("user_id"));
        assertEquals("unknown", member.get("module"));
        for (String type : List.of("bugf", "bugr")) {
            Map<String, Object> bug = dump.ofType(type).get(0);
            String link = (String) bug.get("web_link");
            String number = link.substring(link.lastIndexOf('/') + 1);
            assertEquals(type + ":" + bug.get("module") + "/" + number, bug.get("primary_key"));
            assertTrue(((String) bug.get("title")).startsWith("Bug #" + number + " in " + bug.get("module") + ": \""));
        }
    }

    @Test
    void blueprintMentionCounts_areTheRecordsMentioningThem() {
        Map<Object, Long> mentions = new HashMap<>();
        Map<Object, Long> lastMention = new HashMap<>();
        for (Map<String, Object> r : dump.records) {
            if (r.get("blueprint_id") instanceof Collection<?> ids) {
                for (Object id : ids) {
                    mentions.merge(id, 1L, Long::sum);
                    lastMention.merge(id, (Long) r.get("date"), Math::max);
                }
            }
        }
        Set<Object> blueprints = new HashSet<>();
        for (String type : List.of("bpd", "bpc")) {
            for (Map<String, Object> bp : dump.ofType(type)) {
                blueprints.add(bp.get("id"));
                assertEquals(type + ":" + bp.get("id"), bp.get("primary_key"));
                assertEquals(bp.get("module") + ":" + bp.get("name"), bp.get("id"));
                assertEquals(mentions.getOrDefault(bp.get("id"), 0L), bp.get("mention_count"), "mentions of " + bp);
                assertEquals(lastMention.getOrDefault(bp.get("id"), 0L), bp.get("mention_date"));
            }
        }
        assertTrue(blueprints.containsAll(mentions.keySet()), "only existing blueprints are mentioned");
    }

    @Test
    void everyModuleGroupAProjectTypeNames_exists() {
        Map<?, ?> groups = (Map<?, ?>) dump.other.get("module_groups");
        for (Object pt : (List<?>) dump.other.get("project_types")) {
            for (Object id : (List<?>) ((Map<?, ?>) pt).get("modules")) {
                assertTrue(groups.containsKey(id), "module group " + id + " of project type " + pt);
            }
        }
        for (String id : List.of("openstack-official", "openstack-others", "unknown", "openstack")) {
            assertTrue(groups.containsKey(id), id);
        }
        Map<?, ?> official = (Map<?, ?>) groups.get("openstack-official");
        assertEquals("project_type", official.get("tag"));
        assertFalse(((Map<?, ?>) official.get("releases")).isEmpty());
        for (Map<String, Object> r : dump.records) {
            assertTrue(groups.containsKey(r.get("module")), "a module group for module " + r.get("module"));
        }
    }

    @Test
    void cpython_readsTheDump() throws Exception {
        assumeTrue(python() != null, "python3 not found; skipped");
        String script = String.join(
                "\n",
                "import pickle, sys",
                "keys, types = [], set()",
                "with open(sys.argv[1], 'rb') as f:",
                "    while True:",
                "        try: k, v = pickle.load(f)",
                "        except EOFError: break",
                "        keys.append(k)",
                "        if k.startswith('record:') and k != 'record:count':",
                "            types.add(v['record_type'])",
                "            if v['record_type'] == 'commit': assert isinstance(v['branches'], set)",
                "        if k.startswith('user:') and k != 'user:count' and 'core' in v:",
                "            assert all(isinstance(p, tuple) for p in v['core'])",
                "assert len(keys) == len(set(keys))",
                "assert all(('record:%d' % i) in set(keys) for i in range(" + RECORDS + "))",
                "print(len(keys), ' '.join(sorted(types)))");
        Process p = new ProcessBuilder(python(), "-c", script, file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(dump.keys.size() + " bpc bpd bugf bugr commit email mark member patch review tr", out);
    }

    private static String python() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dirName.isEmpty() && Files.isExecutable(Path.of(dirName, "python3"))) {
                return Path.of(dirName, "python3").toString();
            }
        }
        return null;
    }
}
