package org.stackvault.kpi;

/**
 * A goal of a report as one flat row, for tables and CSV: the headings it stands under
 * (null where there is none) and its result.
 */
public record GoalRow(
        String release,
        String group,
        String company,
        String user,
        String heading,
        String goal,
        boolean passed,
        String check,
        String result) {}
