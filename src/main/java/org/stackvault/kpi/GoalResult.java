package org.stackvault.kpi;

/**
 * One evaluated goal.
 *
 * @param goal   the goal as written (a script's statement, or the example's wording)
 * @param passed whether the goal is met
 * @param check  what was measured: the item, the statistics and the target
 * @param result the outcome in the original's words ("Achieved position is 2")
 */
public record GoalResult(String goal, boolean passed, String check, String result) {}
