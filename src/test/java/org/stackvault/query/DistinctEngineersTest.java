package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

class DistinctEngineersTest {
    @Test
    void recordsWithoutAUserId_listNoEngineer_andTheLatestRecordNamesEachOne() {
        SwitchableStorage storage = new SwitchableStorage();
        TestStore store = new TestStore(storage).referenceData();
        store.user("john_doe", "John Doe", "IBM", "john_doe@ibm.com");
        store.load(TestRecords.commit().date(TestStore.STEIN_END - 3 * 86400L),
                TestRecords.commit().set("author_name", "Johnny").date(TestStore.STEIN_END - 86400L),
                TestRecords.commit().set("user_id", null).set("author_name", "Nobody"));
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            VaultHolder holder = new VaultHolder(new VaultBuilder(storage, 1, pool, 1, new BuildProgress(),
                    new SkippedValues(), InstantSource.system()), List.of(), InstantSource.system());
            holder.refresh(false);
            Vault vault = holder.current();
            assertEquals(3, vault.recordCount());
            Selection all = new Selection(new int[] {0, 1, 2}, 3);
            Map<String, Object> engineers = StatsQuery.distinctEngineers(vault, all);
            assertEquals(Map.of("john_doe", Map.of("author_name", "Johnny", "author_email", "john_doe@ibm.com")),
                    engineers);
        } finally {
            pool.shutdownNow();
        }
    }
}
