package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.testing.Faults;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.SharedMemcached;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * Values in a real memcached that the vault cannot use as they are — bad pickles, unknown
 * flags, wrong types, missing fields, impossible dates, records naming unknown users,
 * modules or releases, oversized values: each is counted by kind, the vault still builds,
 * and what the original dashboard would keep is kept.
 */
class MalformedValuesTest {
    private static final byte[] GARBAGE = "this is no pickle".getBytes(StandardCharsets.US_ASCII);
    /** Values up to 32 MiB, beyond the default max-value-bytes. */
    @RegisterExtension
    static final SharedMemcached MEMCACHED = new SharedMemcached(160, 32);

    private final MemcachedStorage storage = MEMCACHED.storage();
    private final MemcachedProcess memcached = MEMCACHED.process();

    private Faults.LocalHolder holder() {
        return Faults.LocalHolder.on(storage, 7);
    }

    private static Map<String, Long> skipped(VaultHolder holder) {
        return holder.skipped().byKind();
    }

    @Test
    void undecodableAndMalformedRecords_areSkippedAndCountedByKind_theRestBuilds() throws Exception {
        TestStore store = Faults.seed(storage, 10);
        storage.set("record:1", new StoredValue(StoredValue.FLAG_PICKLE, GARBAGE));
        storage.set("record:2", new StoredValue(64, GARBAGE)); // flags python-memcached never writes
        storage.set("record:3", List.of(1L, 2L)); // a list, not a dict
        Map<String, Object> noDate = TestRecords.commit().build(4);
        noDate.remove("date");
        storage.set("record:4", noDate);
        storage.set("record:5", TestRecords.of("tweet").build(5));
        storage.set("record:6", TestRecords.commit().date(915148800L).build(6)); // 1999
        storage.set("record:7", TestRecords.commit().date(4200000000L).build(7)); // 2103
        try (Faults.LocalHolder local = holder()) {
            RefreshResult result = local.holder().refresh(false);
            assertEquals(RefreshResult.Outcome.FULL, result.outcome(), result.toString());
            assertEquals(3, local.holder().current().recordCount());
            assertEquals(0, local.holder().current().missingRecordSlots());
            Map<String, Long> skipped = skipped(local.holder());
            assertEquals(2L, skipped.get("record-undecodable"), skipped.toString());
            assertEquals(1L, skipped.get("record-not-a-dict"), skipped.toString());
            assertEquals(1L, skipped.get("record-bad-date"), skipped.toString());
            assertEquals(1L, skipped.get("record-unknown-type"), skipped.toString());
            assertEquals(2L, skipped.get("record-date-out-of-range"), skipped.toString());
            assertEquals(10, store.recordCount());
        }
    }

    @Test
    void recordsNamingUnknownUsersModulesOrReleases_areCountedAndKept_asTheOriginalKeepsThem() {
        Faults.seed(storage, 2);
        new TestStore(storage)
                .continueAt(2, 0, 2)
                .insert(
                        TestRecords.commit().user("ghost", "Ghost"),
                        TestRecords.commit().module("no-such-module"),
                        TestRecords.commit().release("no-such-release"));
        try (Faults.LocalHolder local = holder()) {
            assertEquals(
                    RefreshResult.Outcome.FULL, local.holder().refresh(false).outcome());
            Vault vault = local.holder().current();
            assertEquals(5, vault.recordCount());
            Map<String, Long> skipped = skipped(local.holder());
            assertEquals(1L, skipped.get("record-unknown-user"), skipped.toString());
            assertEquals(1L, skipped.get("record-unknown-module"), skipped.toString());
            assertEquals(1L, skipped.get("record-unknown-release"), skipped.toString());

            // an incremental refresh counts the records it changed, not the whole vault again
            new TestStore(storage)
                    .continueAt(5, 3, 2)
                    .insert(TestRecords.commit().user("ghost", "Ghost"));
            assertEquals(
                    RefreshResult.Outcome.INCREMENTAL,
                    local.holder().refresh(false).outcome());
            assertEquals(2L, skipped(local.holder()).get("record-unknown-user"));
            assertEquals(1L, skipped(local.holder()).get("record-unknown-module"));
        }
    }

    @Test
    void malformedAndMissingUsers_areCountedByKind_theOthersServe() {
        Faults.seed(storage, 4); // users john_doe (user:1) and jane (user:2)
        storage.set("user:3", Map.of("seq", 3L, "user_name", "No Id")); // no user_id
        storage.set("user:4", new StoredValue(StoredValue.FLAG_PICKLE, GARBAGE));
        storage.set("user:5", "not a dict");
        // user:6 is missing
        storage.set("user:7", Map.of("seq", 7L, "user_id", "late", "user_name", "Late"));
        storage.set("user:count", 7L);
        try (Faults.LocalHolder local = holder()) {
            assertEquals(
                    RefreshResult.Outcome.FULL, local.holder().refresh(false).outcome());
            Vault vault = local.holder().current();
            assertEquals(3, vault.users().size());
            assertEquals(4, vault.recordCount());
            Map<String, Long> skipped = skipped(local.holder());
            assertEquals(2L, skipped.get("user-malformed"), skipped.toString());
            assertEquals(1L, skipped.get("user-undecodable"), skipped.toString());
            // user:0 and user:1 are never written by the processor; user:1 is ours, so only user:6
            assertEquals(1L, skipped.get("user-missing"), skipped.toString());
        }
    }

    @Test
    void fullRecordUndecodableAtRequestTime_isLeftOutAndCounted() {
        Faults.seed(storage, 3);
        try (Faults.LocalHolder local = holder()) {
            local.holder().refresh(false);
            Vault vault = local.holder().current();
            storage.set("record:1", new StoredValue(StoredValue.FLAG_PICKLE, GARBAGE));
            storage.set("record:2", List.of("not", "a", "dict"));
            Map<Integer, Map<?, ?>> found = vault.fullRecords(new int[] {0, 1, 2});
            assertEquals(List.of(0), List.copyOf(found.keySet()));
            assertEquals(2L, skipped(local.holder()).get("request-record-undecodable"));
        }
    }

    @Test
    void storedUserUndecodableAtRequestTime_isAbsentAndCounted() {
        Faults.seed(storage, 3);
        try (Faults.LocalHolder local = holder()) {
            local.holder().refresh(false);
            Vault vault = local.holder().current();
            assertNotNull(vault.storedUser("john_doe"));
            storage.set("user:john_doe", new StoredValue(StoredValue.FLAG_PICKLE, GARBAGE));
            assertNull(vault.storedUser("john_doe"));
            assertEquals(1L, skipped(local.holder()).get("request-user-undecodable"));
        }
    }

    @Test
    void referenceDataUndecodableOrOfTheWrongType_failsTheRefresh_theServedVaultStays() {
        Faults.seed(storage, 3);
        try (Faults.LocalHolder local = holder()) {
            local.holder().refresh(false);
            Vault served = local.holder().current();
            Object releases = storage.get("releases");

            storage.set("releases", new StoredValue(StoredValue.FLAG_PICKLE, GARBAGE));
            RefreshResult undecodable = local.holder().refresh(true);
            assertEquals(RefreshResult.Outcome.FAILED, undecodable.outcome());
            assertTrue(undecodable.message().startsWith("releases cannot be decoded"), undecodable.message());
            assertSame(served, local.holder().current());

            storage.set("releases", releases);
            storage.set("project_types", "openstack"); // text, not a list
            RefreshResult wrongType = local.holder().refresh(true);
            assertEquals(RefreshResult.Outcome.FAILED, wrongType.outcome());
            assertEquals("project_types is a String, not a list", wrongType.message());
            assertSame(served, local.holder().current());
        }
    }

    @Test
    void referenceDataGoneFromTheSource_isRefusedUnlessReloaded_butAFirstBuildWithoutItServes() {
        TestStore store = Faults.seed(storage, 3);
        try (Faults.LocalHolder local = holder()) {
            local.holder().refresh(false);
            Vault served = local.holder().current();
            storage.delete("module_groups");
            storage.delete("project_types");
            store.insert(TestRecords.commit());
            RefreshResult refused = local.holder().refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
            assertTrue(
                    refused.message().startsWith("module_groups, project_types are missing from the source"),
                    refused.message());
            assertSame(served, local.holder().current());
            assertEquals(
                    RefreshResult.Outcome.FULL, local.holder().refresh(true).outcome());
        }
        // as the original's tests set up their storage: records without some reference data
        try (Faults.LocalHolder fresh = holder()) {
            assertEquals(
                    RefreshResult.Outcome.FULL, fresh.holder().refresh(false).outcome());
            assertTrue(fresh.holder().current().reference().projectTypes().isEmpty());
        }
    }

    @Test
    void valuesOverOneMegabyte_areRead_valuesOverMaxValueBytes_areRefusedAndCounted() throws Exception {
        Faults.seed(storage, 4);
        storage.set(
                "record:1",
                TestRecords.commit().set("message", "x".repeat(1_500_000)).build(1));
        storage.set(
                "record:2",
                TestRecords.commit().set("message", "y".repeat(21 << 20)).build(2));
        try (TestServer server = Faults.serve(memcached.address())) {
            VaultHolder holder = server.app().holder();
            assertEquals(3, holder.current().recordCount()); // 1.5 MB under the default 20 MiB; 21 MiB refused
            assertEquals(1L, holder.skipped().byKind().get("record-oversized"));
            assertFalse(holder.skipped().byKind().containsKey("record-undecodable"));
            assertEquals(3, Faults.commits(server));
        }
        try (TestServer server = Faults.serve(memcached.address(), "max-value-bytes", "1048576")) {
            VaultHolder holder = server.app().holder();
            assertEquals(2, holder.current().recordCount());
            assertEquals(2L, holder.skipped().byKind().get("record-oversized"));
            assertEquals(0, holder.current().missingRecordSlots());
            assertEquals(2, Faults.commits(server));
            assertNull(holder.lastError());
        }
    }
}
