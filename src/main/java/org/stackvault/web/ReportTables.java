package org.stackvault.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackvault.export.Table;
import org.stackvault.export.Tables;

/**
 * The downloadable tables of a report's model: each component that is a list of records is a
 * table, named by the component's name in kebab case ({@code memberCompanies} is
 * {@code member-companies}), its rows the list's records in the page's order — so a download
 * holds exactly the rows the page's table was rendered from, all of them, from the same vault.
 * Read by reflection so that a new table of a report is downloadable without a second list of
 * tables to keep in step. Stateless.
 */
final class ReportTables {
    private ReportTables() {}

    /** The tables of {@code model} (a record), by name, in component order; empty for anything else. */
    static Map<String, Table> of(Object model) {
        Map<String, Table> tables = new LinkedHashMap<>();
        if (!(model instanceof Record)) {
            return tables;
        }
        Tables shapes = Tables.of(List.of(model.getClass()));
        for (RecordComponent component : model.getClass().getRecordComponents()) {
            Class<?> rowType = recordRowType(component.getGenericType());
            if (rowType == null) {
                continue;
            }
            Object rows;
            try {
                component.getAccessor().setAccessible(true);
                rows = component.getAccessor().invoke(model);
            } catch (ReflectiveOperationException unreadable) {
                throw new IllegalStateException("cannot read " + component, unreadable);
            }
            if (rows instanceof List<?> list) {
                tables.put(kebab(component.getName()), shapes.table(list, rowType));
            }
        }
        return tables;
    }

    /** The record type of a {@code List<R>}, or null when the type is no list of records. */
    private static Class<?> recordRowType(Type type) {
        if (type instanceof ParameterizedType list
                && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return element;
        }
        return null;
    }

    /** {@code memberCompanies} → {@code member-companies}. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
