package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A row of {@link Endpoint#STATS_ENGINEERS_EXTENDED}: an engineer's marks metric, records of each
 * type and {@link MarkSummary} fields, current company and core branch (both may be null).
 * Immutable.
 */
public record ExtendedEngineerRow(
        int index,
        String id,
        String name,
        long metric,
        @JsonUnwrapped RecordTypeCounts records,
        String company,
        String core,
        @JsonUnwrapped MarkSummary marks) {}
