package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.Vault;

class DistinctEngineersTest {
    @Test
    void recordsWithoutAUserId_listNoEngineer_andTheLatestRecordNamesEachOne() {
        SwitchableStorage storage = new SwitchableStorage();
        TestStore store = new TestStore(storage).referenceData();
        store.user("john_doe", "John Doe", "IBM", "john_doe@ibm.com");
        store.load(
                TestRecords.commit().date(TestStore.STEIN_END - 3 * 86400L),
                TestRecords.commit().set("author_name", "Johnny").date(TestStore.STEIN_END - 86400L),
                TestRecords.commit().set("user_id", null).set("author_name", "Nobody"));
        Vault vault = store.vault();
        assertEquals(3, vault.recordCount());
        Selection all = new Selection(new int[] {0, 1, 2}, 3);
        Map<String, DistinctEngineer> engineers = StatsQuery.distinctEngineers(vault, all);
        assertEquals(Map.of("john_doe", new DistinctEngineer("Johnny", "john_doe@ibm.com")), engineers);
    }
}
