package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.SharedData;

/**
 * The compatibility kit's dump ({@code ../shared/compat/stack20k-seed7.pickle}, written by
 * CPython 3.11 with its default protocol): every pair reads, with the key counts the kit's
 * README and the data say. Skipped when the kit is absent.
 */
class CompatDumpTest {
    private static final Map<String, Object> VALUES = new HashMap<>();
    private static final Map<String, Integer> BY_PREFIX = new TreeMap<>();
    private static int pairs;
    private static long lastBytesRead;
    private static long size;

    @BeforeAll
    static void readTheDump() throws IOException {
        Path dump = SharedData.compatDump();
        assumeTrue(Files.isRegularFile(dump), "compatibility dump not found at " + dump + "; skipped");
        size = Files.size(dump);
        DumpFile.read(dump, (entry, bytesRead) -> {
            pairs++;
            VALUES.put(entry.key(), entry.value());
            BY_PREFIX.merge(prefix(entry.key()), 1, Integer::sum);
            lastBytesRead = bytesRead;
        });
    }

    private static String prefix(String key) {
        int colon = key.indexOf(':');
        if (colon > 0) {
            return key.substring(0, colon + 1);
        }
        int dash = key.indexOf('-');
        return dash > 0 ? key.substring(0, dash + 1) : key;
    }

    @Test
    void everyPairIsRead_35040_withDistinctKeys() {
        assertEquals(35_040, pairs);
        assertEquals(35_040, VALUES.size());
        assertEquals(size, lastBytesRead);
    }

    @Test
    void keyCountsByPrefix_areThoseOfTheKit() {
        Map<String, Integer> expected = new TreeMap<>(Map.of(
                "record:", 20_001, // record:0 .. record:19999 and record:count
                "user:", 13_546,
                "rcs:", 510,
                "vcs:", 510,
                "bug_modified_since-", 460));
        for (String single : List.of(
                "companies",
                "default_data_digest",
                "last_member_index",
                "last_update_members_date",
                "mail_lists",
                "member_lists",
                "module_groups",
                "project_sources",
                "project_types",
                "releases",
                "repos",
                "runtime_storage_update_time",
                "zanata:")) {
            expected.put(single, 1);
        }
        assertEquals(expected, BY_PREFIX);
    }

    @Test
    void recordCount_is20000_andEveryRecordSlotHoldsItsRecord() {
        assertEquals(20_000L, VALUES.get("record:count"));
        Map<String, Integer> byType = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            Map<?, ?> record = assertInstanceOf(Map.class, VALUES.get("record:" + i), "record:" + i);
            assertEquals((long) i, record.get("record_id"), "record:" + i);
            byType.merge((String) record.get("record_type"), 1, Integer::sum);
        }
        assertEquals(
                new TreeMap<>(Map.ofEntries(
                        Map.entry("mark", 10_800),
                        Map.entry("patch", 3_000),
                        Map.entry("commit", 2_000),
                        Map.entry("review", 1_600),
                        Map.entry("email", 1_600),
                        Map.entry("bugf", 400),
                        Map.entry("bugr", 200),
                        Map.entry("bpd", 140),
                        Map.entry("tr", 120),
                        Map.entry("member", 80),
                        Map.entry("bpc", 60))),
                byType);
        assertEquals(3_057L, VALUES.get("user:count"));
    }

    @Test
    void firstRecord_decodesWithEveryFieldType() {
        Map<?, ?> record = (Map<?, ?>) VALUES.get("record:0");
        assertEquals("7cbd6aa11c507e9c6f8f2e576d807327f2bf6626", record.get("commit_id"));
        assertEquals(1276680378L, record.get("date"));
        assertEquals("Endre Sara", record.get("author_name"));
        assertEquals(Set.of("master"), record.get("branches"));
        assertEquals("nova", record.get("module"));
        assertEquals(15L, record.get("loc"));
        assertEquals(2110L, record.get("week"));
        assertEquals(21, record.size());
    }

    @Test
    void moduleGroupReleases_storedAsDefaultdictOfSets_readAsMapsOfSets() {
        Map<?, ?> groups = assertInstanceOf(Map.class, VALUES.get("module_groups"));
        assertEquals(560, groups.size());
        Map<?, ?> official = assertInstanceOf(Map.class, groups.get("openstack-official"));
        Map<?, ?> releases = assertInstanceOf(Map.class, official.get("releases"));
        assertTrue(!releases.isEmpty());
        for (Object modules : releases.values()) {
            assertInstanceOf(Set.class, modules);
        }
    }

    @Test
    void referenceData_readsAsListsAndNumbers() {
        List<?> releases = assertInstanceOf(List.class, VALUES.get("releases"));
        assertEquals(
                Map.of("release_name", "prehistory", "end_date", 1262304000L, "project", "openstack"), releases.get(0));
        assertEquals(1569801600L, VALUES.get("runtime_storage_update_time"));
    }
}
