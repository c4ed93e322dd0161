package org.stackvault.kpi;

import java.util.List;

/**
 * A heading of a goal report and what stands under it: a release, a group (a module group),
 * a company or a user of a script, or a heading of the example.
 *
 * @param kind     {@code release}, {@code group}, {@code company}, {@code user} or {@code heading}
 * @param id       the token as the script names it (the release, module group, company or user id)
 * @param title    what the heading shows: a group's "name (id)" and a user's "name (id)" when
 *                 they are known, else the token
 * @param goals    the goals of this heading, in the script's order
 * @param errors   lines under this heading that could not be read, each a message
 * @param sections the headings below this one, in the script's order
 */
public record GoalSection(
        String kind, String id, String title, List<GoalResult> goals, List<String> errors, List<GoalSection> sections) {
    public GoalSection {
        goals = List.copyOf(goals);
        errors = List.copyOf(errors);
        sections = List.copyOf(sections);
    }
}
