package org.stackvault.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The data of a {@code pie} chart block: every row of its table, in table order, with the
 * row's drill-down link (the page's script takes the top 9 and "others", as the original).
 * Immutable.
 */
record Pie(List<Item> items) {
    /** A slice: the row's name, metric and link. */
    record Item(String name, long value, String href) {}

    static JsonBlock of(List<Overview.Row> rows) {
        List<Item> items = new ArrayList<>(rows.size());
        for (Overview.Row row : rows) {
            items.add(new Item(row.name(), row.metric(), row.href()));
        }
        return JsonBlock.of(new Pie(List.copyOf(items)));
    }
}
