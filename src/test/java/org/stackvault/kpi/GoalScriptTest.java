package org.stackvault.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A goal script's YAML is read into plain maps, lists and strings, and nothing else. */
class GoalScriptTest {
    @Test
    void script_isReadIntoMapsInWrittenOrder_andLists() {
        Object document = GoalScript.read("Release B:\n  Company X:\n    - top 1 by commits\nRelease A: {}\n");

        Map<?, ?> releases = (Map<?, ?>) document;
        assertEquals(List.of("Release B", "Release A"), List.copyOf(releases.keySet()));
        assertEquals(Map.of("Company X", List.of("top 1 by commits")), releases.get("Release B"));
    }

    @Test
    void aTagNamingAJavaType_isRefused() {
        GoalScript.MalformedScriptException refused = assertThrows(
                GoalScript.MalformedScriptException.class,
                () -> GoalScript.read("x: !!java.net.URL [\"http://127.0.0.1:1/\"]"));

        assertTrue(refused.getMessage().startsWith("Could not parse script:"), refused.getMessage());
    }

    @Test
    void manyAliases_areRefused_beforeTheyMultiply() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p);
            bomb.append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append(", *")
                    .append(p)
                    .append("]\n");
        }

        assertThrows(GoalScript.MalformedScriptException.class, () -> GoalScript.read(bomb.toString()));
    }

    @Test
    void duplicateKeys_andTooLongScripts_areRefused() {
        assertThrows(
                GoalScript.MalformedScriptException.class, () -> GoalScript.read("Release A: {}\nRelease A: {}\n"));
        assertThrows(
                GoalScript.MalformedScriptException.class, () -> GoalScript.read("#".repeat(GoalScript.MAX_CHARS + 1)));
    }

    @Test
    void emptyScript_isNoDocument() {
        assertEquals(null, GoalScript.read(""));
    }
}
