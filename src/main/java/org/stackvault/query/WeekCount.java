package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A point of a {@link Timeline} series, {@code [week label, count]} in JSON. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"week", "count"})
public record WeekCount(String week, long count) {}
