package org.stackvault.web;

import java.util.List;
import org.stackvault.kpi.GoalReport;
import org.stackvault.kpi.GoalRow;

/**
 * What {@code /kpi/example} and {@code /kpi/script} show: the script (null on the example),
 * why it could not be read (null when it could), and the evaluated goals (null when it
 * could not be read), and the goals as flat rows with how many are met. Immutable.
 */
record GoalsPage(
        String title, String script, String problem, GoalReport report, List<GoalRow> rows, long passed, long goals) {
    static GoalsPage of(String title, String script, String problem, GoalReport report) {
        List<GoalRow> rows = report == null ? List.of() : report.rows();
        long passed = rows.stream().filter(GoalRow::passed).count();
        return new GoalsPage(title, script, problem, report, rows, passed, rows.size());
    }
}
