package org.stackvault.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    /**
     * Sends table {@code params.table} of {@code tables} in {@code params.format} ({@code csv} or
     * {@code json}) as a download ({@link Exports#send}); the HTML 404 page, naming the view's
     * tables, when it has no such table.
     */
    static void send(
            Pages pages,
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, Table> tables,
            Map<String, String> params,
            long generation,
            long now)
            throws IOException {
        String name = params.get("table");
        Table table = tables.get(name);
        if (table == null) {
            pages.error(
                    request,
                    response,
                    404,
                    "This page has no table '" + name + "'; its tables are " + String.join(", ", tables.keySet())
                            + ".");
            return;
        }
        Map<String, String> filters = new LinkedHashMap<>(params);
        filters.remove("format");
        filters.remove("table");
        filters.remove("script"); // a script is no file name
        String pathInfo = request.getPathInfo();
        String path = request.getServletPath() + (pathInfo == null ? "" : pathInfo);
        String viewName = (path.substring(1) + "_" + name).replaceAll("[^A-Za-z0-9_-]", "-");
        Exports.Format format = Exports.Format.valueOf(params.get("format").toUpperCase(Locale.ROOT));
        Exports.send(response, table, format, viewName, filters, generation, now);
    }

    /** {@code rows} of {@code type} as a table. */
    static <R extends Record> Table table(List<R> rows, Class<R> type) {
        return Tables.of(List.of(type)).table(rows, type);
    }
}
