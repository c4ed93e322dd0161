package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code /stats/timeline}: three weekly series over the same weeks, {@code [records,
 * highlighted, loc]} in JSON: the selected records (or their metric sum), those of the
 * selected release (members: those since the start date; all releases: the records again),
 * and lines of code.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"records", "highlighted", "loc"})
public record Timeline(List<WeekCount> records, List<WeekCount> highlighted, List<WeekCount> loc) {}
