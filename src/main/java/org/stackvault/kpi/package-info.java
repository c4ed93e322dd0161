/**
 * The KPI goals of the original's {@code /kpi/example} and {@code /kpi/script}, evaluated on
 * the server: a goal script in the original's YAML language ({@link GoalScript}) is read
 * into plain maps and lists, and each goal ("top 5 by commits", "less than 50% by commits
 * in nova", "make 10 commits during 30 days", "become core") is answered by {@link Goals}
 * through the same queries as {@code /api/1.0}, on one vault. Results are typed records
 * ({@link GoalReport}) that a page or a JSON writer shows as text. Plain Java: no web API.
 */
package org.stackvault.kpi;
