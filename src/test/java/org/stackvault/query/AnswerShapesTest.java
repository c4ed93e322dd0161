package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.Vault;

/** The JSON of the answer records: keys present only in some answers, nulls, numbers and text. */
class AnswerShapesTest {
    /** As the application's mapper ({@code ApiApplication.mapper()}). */
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** The answer as a client reads it. */
    private static JsonNode json(Object answer) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(answer));
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void statsRow_unnumbered_hasBlankIndex_andWithoutMarksOrCore_hasNoSuchKeys() throws Exception {
        assertEquals(
                json("{'index': '', 'id': '*independent', 'name': null, 'metric': 3}"),
                json(new StatsRow(0, "*independent", null, 3, null, null)));
        assertEquals(
                json("{'index': 2, 'id': 'ibm', 'name': 'IBM', 'metric': 1, 'core': null}"),
                json(new StatsRow(2, "ibm", "IBM", 1, null, new CoreBranch(null))));
    }

    @Test
    void markSummary_zeroAndWipOnlyWhenCounted_otherValuesUnderTheirOwnKeys() throws Exception {
        assertEquals(json("""
                {'-2': 1, '-1': 0, '1': 2, '2': 1, 'A': 0, 'x': 0, 'disagreements': 1,
                 'disagreement_ratio': '25.0%', 'mark_ratio': '1|0|2|1|0|0 (75.0%)', 'positive_ratio': '75.0%'}"""), json(MarkSummary.of(1, 0, 0, 2, 1, 0, 0, 0, Map.of(), 1)));
        assertEquals(json("""
                {'-2': 0, '-1': 0, '0': 4, '1': 0, '2': 0, 'A': 1, 'WIP': 2, 'x': 3, '3': 5, 'disagreements': 0,
                 'disagreement_ratio': '&#x221E;', 'mark_ratio': '0|0|0|0|1|3 (&#x221E;)',
                 'positive_ratio': '&#x221E;'}"""), json(MarkSummary.of(0, 0, 4, 0, 0, 1, 2, 3, Map.of(3, 5L), 0)));
    }

    @Test
    void choiceLists_allHasNoProject_aReleaseWithoutOneHasNull() throws Exception {
        assertEquals(
                json("{'data': [{'id': 'all', 'text': 'All'}, {'id': 'train', 'text': 'Train', 'project': null}],"
                        + " 'default': 'train'}"),
                json(new Answers.Releases(
                        List.of(new IdText("all", "All"), new ReleaseItem("train", "Train", null)), "train")));
    }

    @Test
    void conditionalKeys_areAbsentWhenNull() throws Exception {
        assertEquals(json("{'module_name': 'nova', 'visible': true}"), json(new ModuleChild("nova", true, null)));
        assertEquals(json("{'id': 'jd', 'text': 'John'}"), json(new UserItem("jd", "John", null, null)));
        assertEquals(
                json("{'id': 'jd', 'text': 'John', 'core': ['nova'], 'company_name': 'IBM'}"),
                json(new UserItem("jd", "John", List.of("nova"), "IBM")));
    }

    @Test
    void timeline_isThreeSeriesOfWeekAndCountPairs() throws Exception {
        assertEquals(
                json("[[['w1', 2]], [['w1', 1]], [['w1', 30]]]"),
                json(new Timeline(
                        List.of(new WeekCount("w1", 2)),
                        List.of(new WeekCount("w1", 1)),
                        List.of(new WeekCount("w1", 30)))));
    }

    @Test
    void engineersByMarks_countEveryMarkValue_andTheExtendedTableListsRecordTypes() throws Exception {
        SwitchableStorage storage = new SwitchableStorage();
        TestStore store = new TestStore(storage).referenceData();
        store.user("john_doe", "John Doe", "IBM", "john_doe@ibm.com");
        store.load(
                TestRecords.mark(),
                TestRecords.mark().set("value", 3L),
                TestRecords.mark().set("value", -3L),
                TestRecords.mark().set("type", "Workflow").set("value", 1L),
                TestRecords.commit());
        Vault vault = store.vault();
        Selection marks = new Selection(new int[] {0, 1, 2, 3}, 5);
        assertEquals(json("""
                [{'index': 1, 'id': 'john_doe', 'name': 'John Doe', 'metric': 3, 'core': 'master',
                  '-2': 0, '-1': 0, '1': 0, '2': 1, 'A': 1, 'x': 0, '3': 1, '-3': 1, 'disagreements': 0,
                  'disagreement_ratio': '0.0%', 'mark_ratio': '0|0|0|1|1|0 (100.0%)',
                  'positive_ratio': '100.0%'}]"""), json(StatsQuery.aggregate(vault, marks, Metric.MARKS, GroupBy.USER, Set.of("nova"))));
        Selection all = new Selection(new int[] {0, 1, 2, 3, 4}, 5);
        JsonNode extended = json(StatsQuery.engineersExtended(vault, all, Set.of("glance"), 0))
                .get(0);
        assertEquals(
                json("[4, 1, 0, 0, 0, 'IBM', null, 3]"),
                json(List.of(
                        extended.get("mark"),
                        extended.get("commit"),
                        extended.get("review"),
                        extended.get("email"),
                        extended.get("patch"),
                        extended.get("company"),
                        extended.get("core"),
                        extended.get("metric"))));
        assertFalse(extended.has("bpd"));
    }
}
