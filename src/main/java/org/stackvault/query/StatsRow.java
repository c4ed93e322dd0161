package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A row of {@code /stats/companies|modules|engineers}: a group, its name (null when no
 * record named it) and its metric; under the marks metric the {@link MarkSummary} fields,
 * and for engineers {@code core}. Immutable.
 *
 * @param index the rank from 1, or 0 for a row left unnumbered (the independent
 *              contributors), which the original numbered {@code ""}
 * @param marks null unless the metric is marks
 * @param core  null unless the rows are engineers
 */
public record StatsRow(
        @JsonIgnore int index,
        String id,
        String name,
        long metric,
        @JsonUnwrapped MarkSummary marks,
        @JsonUnwrapped CoreBranch core) {
    /** The JSON {@code index}: the rank, or "" for an unnumbered row. */
    @JsonProperty("index")
    Object indexOrBlank() {
        return index == 0 ? "" : index;
    }
}
