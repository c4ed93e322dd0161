package org.stackvault.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackvault.source.DumpStorage;

/** The ports of the original's test_api helpers behave as the Python ones. */
class TestRecordsTest {

    @Test
    void algebraicProduct_isItertoolsProductOrder_lastKeyFastest() {
        Map<String, List<?>> kwargs = new LinkedHashMap<>();
        kwargs.put("loc", List.of(10L, 20L));
        kwargs.put("company_name", List.of("NEC", "IBM", "NTT"));
        List<Map<String, Object>> product = TestRecords.algebraicProduct(kwargs);
        assertEquals(
                List.of(
                        Map.of("loc", 10L, "company_name", "NEC"), Map.of("loc", 10L, "company_name", "IBM"),
                        Map.of("loc", 10L, "company_name", "NTT"), Map.of("loc", 20L, "company_name", "NEC"),
                        Map.of("loc", 20L, "company_name", "IBM"), Map.of("loc", 20L, "company_name", "NTT")),
                product);
    }

    @Test
    void algebraicProduct_ofNoKeywords_isOneEmptyCombination() {
        assertEquals(List.of(Map.of()), TestRecords.algebraicProduct(Map.of()));
    }

    @Test
    void makeRecords_givesOneFreshGeneratedRecordPerCombination_updatedWithIt() {
        List<Map<String, Object>> records = TestRecords.makeRecords()
                .with("record_type", "commit")
                .with("loc", 10, 20, 30)
                .with("module", "glance")
                .records();
        assertEquals(3, records.size());
        for (int i = 0; i < 3; i++) {
            Map<String, Object> r = records.get(i);
            assertEquals("commit", r.get("record_type"));
            assertEquals(10L * (i + 1), r.get("loc"));
            assertEquals("glance", r.get("module"));
            assertEquals("IBM", r.get("company_name"));
            assertEquals(Set.of("master"), r.get("branches"));
        }
        assertNotEquals(records.get(0).get("primary_key"), records.get(1).get("primary_key"));
    }

    @Test
    void makeRecords_withoutAGeneratorForTheType_givesNothing() {
        assertTrue(
                TestRecords.makeRecords().with("record_type", "email").records().isEmpty());
        assertTrue(TestRecords.makeRecords().with("module", "nova").records().isEmpty());
    }

    @Test
    void originalMarkAndReview_carryTheOriginalsDefaults() {
        Map<String, Object> mark = TestRecords.originalMark();
        assertEquals("Workflow", mark.get("type"));
        assertEquals(1L, mark.get("value"));
        assertTrue(((String) mark.get("primary_key")).endsWith("Workflow"));
        Map<String, Object> review = TestRecords.originalReview();
        assertEquals("Ibc0d1fa7626629c28c514514a985a6b89db2ac69", review.get("primary_key"));
        assertEquals("*independent", review.get("company_name"));
    }

    @Test
    void loadGenerated_numbersRecordsBySlot_andUserAtStoresUnderTheKeyAlone() {
        DumpStorage storage = DumpStorage.empty("helpers");
        Map<String, Object> user = Map.of("user_name", "John Doe");
        new TestStore(storage)
                .userAt("john_doe", user)
                .loadGenerated(
                        TestRecords.makeRecords().with("record_type", "commit").with("module", "nova", "glance"),
                        TestRecords.makeRecords().with("record_type", "review"));
        assertEquals(3L, storage.get("record:count"));
        for (long id = 0; id < 3; id++) {
            assertEquals(id, ((Map<?, ?>) storage.get("record:" + id)).get("record_id"));
        }
        assertEquals("review", ((Map<?, ?>) storage.get("record:2")).get("record_type"));
        assertEquals(user, storage.get("user:john_doe"));
        assertNull(storage.get("user:1"));
        assertNull(storage.get("user:count"));
    }
}
