package org.stackvault.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The goals of a script or of the example, grouped as written.
 *
 * @param sections the top headings (releases of a script, the example's headings)
 * @param errors   top-level lines that could not be read
 */
public record GoalReport(List<GoalSection> sections, List<String> errors) {
    public GoalReport {
        sections = List.copyOf(sections);
        errors = List.copyOf(errors);
    }

    /** Every goal as a flat row, in the report's order. */
    public List<GoalRow> rows() {
        List<GoalRow> rows = new ArrayList<>();
        for (GoalSection section : sections) {
            collect(section, new String[5], rows);
        }
        return List.copyOf(rows);
    }

    private static void collect(GoalSection section, String[] path, List<GoalRow> rows) {
        String[] here = path.clone();
        int slot = switch (section.kind()) {
            case "release" -> 0;
            case "group" -> 1;
            case "company" -> 2;
            case "user" -> 3;
            default -> 4;
        };
        here[slot] = section.id();
        for (GoalResult goal : section.goals()) {
            rows.add(new GoalRow(
                    here[0],
                    here[1],
                    here[2],
                    here[3],
                    here[4],
                    goal.goal(),
                    goal.passed(),
                    goal.check(),
                    goal.result()));
        }
        for (GoalSection child : section.sections()) {
            collect(child, here, rows);
        }
    }
}
