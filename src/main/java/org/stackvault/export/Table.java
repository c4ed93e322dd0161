package org.stackvault.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Rows under named columns, each row as long as {@code columns}. A cell is null, a {@link
 * String}, a {@link Number}, a {@link Boolean}, or a {@link List} (a list the row held, which
 * CSV writes in one cell and JSON as an array). Immutable.
 */
public record Table(List<String> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "a row of " + row.size() + " cells under " + columns.size() + " columns");
            }
            // cells may be null, which List.copyOf refuses
            copy.add(Collections.unmodifiableList(Arrays.asList(row.toArray())));
        }
        rows = Collections.unmodifiableList(copy);
    }
}
