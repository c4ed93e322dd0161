package org.stackvault.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.query.Defaults;
import org.stackvault.query.Queries;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.Vault;

/**
 * The goal evaluator without any web layer, on a vault of three companies' Train commits in
 * nova (IBM 3, Intel 2, Red Hat 1): ranks, shares and counts, and how the report groups its
 * goals into flat rows.
 */
class GoalsTest {
    private static final long NOW = TestRecords.DEFAULT_DATE + 86_400;
    private static Vault vault;
    private static Goals goals;

    @BeforeAll
    static void build() {
        List<TestRecords.Builder> records = new ArrayList<>();
        for (String company : List.of("IBM", "IBM", "IBM", "Intel", "Intel", "Red Hat")) {
            records.add(TestRecords.commit().company(company).primaryKey("c" + records.size()));
        }
        vault = new TestStore(DumpStorage.empty("goals test"))
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .load(records.toArray(TestRecords.Builder[]::new))
                .vault();
        goals = new Goals(new Queries(Defaults.ORIGINAL, InstantSource.fixed(Instant.ofEpochSecond(NOW))));
    }

    private static List<String> results(String script) {
        List<String> out = new ArrayList<>();
        for (GoalRow row : goals.script(script, vault, NOW).rows()) {
            out.add(row.company() + "|" + row.goal() + "|" + row.passed() + "|" + row.result());
        }
        return out;
    }

    @Test
    void rankShareAndCount_ofEachCompany() {
        String script = """
                Release Train:
                  Company Intel:
                    - top 2 by commits
                    - top 1 by commits in nova
                    - less than 33% by commits
                    - less than 34% by commits
                    - make 2 commits
                    - make 3 commits
                """;

        assertEquals(
                List.of(
                        "Intel|top 2 by commits|true|Achieved position is 2",
                        "Intel|top 1 by commits in nova|false|Position 2 is worse than the goal position 1",
                        "Intel|less than 33% by commits|false|Value 33% is more than the goal 33%",
                        "Intel|less than 34% by commits|true|Achieved percentage 33%",
                        "Intel|make 2 commits|true|Achieved metric 2",
                        "Intel|make 3 commits|false|Metric 2 is worse than the goal in 3"),
                results(script));
    }

    @Test
    void rows_carryTheHeadingsTheyStandUnder() {
        GoalReport report =
                goals.script("Release Train:\n  Group nova:\n    User john_doe:\n      - become core\n", vault, NOW);

        assertEquals(
                List.of(new GoalRow(
                        "Train",
                        "nova",
                        null,
                        "john_doe",
                        null,
                        "become core",
                        true,
                        "john_doe: core reviewer in nova",
                        "John Doe (john_doe) is core engineer in nova")),
                report.rows());
        assertEquals(
                "John Doe (john_doe)",
                report.sections().get(0).sections().get(0).sections().get(0).title());
    }

    @Test
    void aScriptThatIsNoMapOfReleases_isOneError() {
        assertEquals(
                List.of("The script must be a map of \"Release <name>:\" entries."),
                goals.script("- top 1 by commits", vault, NOW).errors());
        assertThrows(GoalScript.MalformedScriptException.class, () -> goals.script("a: [", vault, NOW));
    }
}
