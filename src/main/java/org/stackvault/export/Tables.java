package org.stackvault.export;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads typed records into {@link Table}s by their components, so a table is declared once, by
 * its record: one row per record, one column per component in declaration order, named as the
 * record's JSON names it (a component's {@code @JsonProperty}); a nested record's columns are
 * {@code name.column} (without the prefix when {@code @JsonUnwrapped}, as in the JSON); a map's
 * entries are columns {@code name.key} (without the prefix when {@code @JsonAnyGetter}); a
 * list stays one cell. A column of the type that no row holds (a nested record that is null in
 * every row, a value the JSON leaves out by its {@code @JsonInclude}) is left out; a table of
 * no rows has the type's fixed columns. Rows may also be maps (free-form records): their keys
 * are columns.
 *
 * <p>The components of each record type are read once, when the instance is made ({@link
 * #of}), into an immutable map: thread-safe, no static state.
 */
public final class Tables {
    /** How a component's value becomes cells. */
    private enum Kind {
        /** One cell. */
        SCALAR,
        /** The nested record's columns. */
        RECORD,
        /** A column per entry. */
        MAP,
        /** Decided by the value: a record or map as above, anything else one cell. */
        VALUE
    }

    /** A component as the table reads it. */
    private record Part(
            String name, Method accessor, Kind kind, boolean unprefixed, JsonInclude.Include include, Type type) {
        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }

        /** The element type of a list, the value type of a map, or null. */
        Class<?> element() {
            if (type instanceof ParameterizedType p) {
                Type[] args = p.getActualTypeArguments();
                Type last = args[args.length - 1];
                return last instanceof Class<?> c ? c : null;
            }
            return null;
        }

        boolean isList() {
            return Collection.class.isAssignableFrom(accessor.getReturnType());
        }
    }

    /** Where an answer keeps its table. */
    private enum Rule {
        /** A list: a row per item. */
        ROWS,
        /** A map of records or maps: a row per entry, its key in column {@value #KEY}. */
        ENTRIES,
        /** A record of lists of (label, value) pairs over the same labels: a row per label, a column per list. */
        SERIES,
        /** One record or map: one row. */
        ONE
    }

    private record Source(Part part, Rule rule) {}

    /** The column of an entry's key under {@link Rule#ENTRIES}. */
    public static final String KEY = "id";
    /** The column of a table of scalars. */
    private static final String VALUE = "value";

    private final Map<Class<?>, List<Part>> shapes;

    private Tables(Map<Class<?>, List<Part>> shapes) {
        this.shapes = shapes;
    }

    /** Reads {@code types} and every record type they reach (through components, lists, maps and sealed interfaces). */
    public static Tables of(Collection<? extends Class<?>> types) {
        Map<Class<?>, List<Part>> shapes = new HashMap<>();
        for (Class<?> type : types) {
            collect(type, shapes);
        }
        return new Tables(Map.copyOf(shapes));
    }

    /** The table of {@code rows}, records of {@code type} (or maps, or scalars). */
    public Table table(List<?> rows, Class<?> type) {
        List<Map<String, Object>> cells = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Map<String, Object> cellsOfRow = new LinkedHashMap<>();
            if (row instanceof Record || row instanceof Map<?, ?>) {
                putValue(row, "", cellsOfRow);
            } else {
                cellsOfRow.put(VALUE, cell(row));
            }
            cells.add(cellsOfRow);
        }
        return assemble(cells, type);
    }

    /**
     * The table an answer record holds: its first list (a row per item); else its first map of
     * records (a row per entry, the key in {@value #KEY}); else its first record, as a row per
     * label when it is parallel series (lists of the same (label, value) record) or else as one
     * row; else its first map as one row. Its other components (a default, say) are not rows.
     *
     * @throws IllegalArgumentException when {@code answer} holds no table ({@link #tabular} is false)
     */
    public Table answer(Record answer) {
        Source source = source(answer.getClass());
        if (source == null) {
            throw new IllegalArgumentException(answer.getClass() + " holds no table");
        }
        Object value = source.part().read(answer);
        return switch (source.rule()) {
            case ROWS ->
                table(
                        value == null ? List.of() : new ArrayList<>((Collection<?>) value),
                        source.part().element());
            case ENTRIES -> entries((Map<?, ?>) value, source.part().element());
            case SERIES -> series((Record) value);
            case ONE ->
                table(
                        value == null ? List.of() : List.of(value),
                        source.part().accessor().getReturnType());
        };
    }

    /** Whether {@link #answer} finds a table in answers of {@code answerType}. */
    public boolean tabular(Class<?> answerType) {
        return answerType.isRecord() && source(answerType) != null;
    }

    private Source source(Class<?> answerType) {
        List<Part> parts = shape(answerType);
        for (Part part : parts) {
            if (part.isList()) {
                return new Source(part, Rule.ROWS);
            }
        }
        for (Part part : parts) {
            Class<?> element = part.element();
            if (part.kind() == Kind.MAP
                    && element != null
                    && (element.isRecord() || Map.class.isAssignableFrom(element))) {
                return new Source(part, Rule.ENTRIES);
            }
        }
        for (Part part : parts) {
            if (part.kind() == Kind.RECORD) {
                return new Source(part, series(part.accessor().getReturnType()) ? Rule.SERIES : Rule.ONE);
            }
        }
        for (Part part : parts) {
            if (part.kind() == Kind.MAP) {
                return new Source(part, Rule.ONE);
            }
        }
        return null;
    }

    /** Every component a list of one record type of two or more components: (label, value, …). */
    private boolean series(Class<?> type) {
        Class<?> pair = null;
        for (Part part : shape(type)) {
            Class<?> element = part.element();
            if (!part.isList()
                    || element == null
                    || !element.isRecord()
                    || shape(element).size() < 2) {
                return false;
            }
            if (pair != null && pair != element) {
                return false;
            }
            pair = element;
        }
        return pair != null;
    }

    private Table entries(Map<?, ?> map, Class<?> valueType) {
        List<Map<String, Object>> cells = new ArrayList<>(map == null ? 0 : map.size());
        if (map != null) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put(KEY, cell(entry.getKey()));
                putValue(entry.getValue(), "", row);
                cells.add(row);
            }
        }
        return assemble(cells, valueType, KEY);
    }

    /** A row per label of the series (in the order first met), a column per series: its value at the label. */
    private Table series(Record series) {
        List<Part> parts = shape(series.getClass());
        List<Part> pair = shape(parts.get(0).element());
        String labelColumn = pair.get(0).name();
        Map<Object, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Part part : parts) {
            Collection<?> points = (Collection<?>) part.read(series);
            for (Object point : points == null ? List.of() : points) {
                Object label = cell(pair.get(0).read(point));
                rows.computeIfAbsent(label, l -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put(labelColumn, l);
                            for (Part p : parts) {
                                row.put(p.name(), null);
                            }
                            return row;
                        })
                        .put(part.name(), cell(pair.get(1).read(point)));
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add(labelColumn);
        parts.forEach(p -> columns.add(p.name()));
        return assemble(new ArrayList<>(rows.values()), null, columns.toArray(String[]::new));
    }

    /**
     * The table of rows of cells by column: the columns every row holds, each new one placed
     * after the column before it in its row; with no rows, {@code firstColumns} and the fixed
     * columns of {@code type}.
     */
    private Table assemble(List<Map<String, Object>> cells, Class<?> type, String... firstColumns) {
        List<String> columns = new ArrayList<>(List.of(firstColumns));
        if (cells.isEmpty() && type != null) {
            fixedColumns(type, "", columns);
        }
        List<String> previous = null;
        for (Map<String, Object> row : cells) {
            List<String> keys = new ArrayList<>(row.keySet());
            if (!keys.equals(previous)) {
                merge(columns, keys);
                previous = keys;
            }
        }
        List<List<Object>> rows = new ArrayList<>(cells.size());
        for (Map<String, Object> row : cells) {
            List<Object> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(row.get(column));
            }
            rows.add(values);
        }
        return new Table(columns, rows);
    }

    private static void merge(List<String> columns, List<String> keys) {
        int at = 0;
        for (String key : keys) {
            int index = columns.indexOf(key);
            if (index >= 0) {
                at = index + 1;
            } else {
                columns.add(at++, key);
            }
        }
    }

    private void fixedColumns(Class<?> type, String prefix, List<String> columns) {
        if (!type.isRecord()) {
            return;
        }
        for (Part part : shape(type)) {
            String name = prefix + part.name();
            switch (part.kind()) {
                case SCALAR, VALUE -> columns.add(name);
                case RECORD ->
                    fixedColumns(part.accessor().getReturnType(), part.unprefixed() ? prefix : name + ".", columns);
                case MAP -> {
                    // its columns are its keys: none without a row
                }
            }
        }
    }

    private void putRecord(Record record, String prefix, Map<String, Object> row) {
        for (Part part : shape(record.getClass())) {
            Object value = part.read(record);
            if (omitted(part.include(), value)) {
                continue;
            }
            String name = prefix + part.name();
            switch (part.kind()) {
                case SCALAR -> row.put(name, cell(value));
                case RECORD, MAP -> {
                    if (value != null) {
                        putValue(value, part.unprefixed() ? prefix : name + ".", row);
                    }
                }
                case VALUE -> putValue(value, name, row);
            }
        }
    }

    /** A record's or map's columns under {@code prefix}, else one cell {@code name}. */
    private void putValue(Object value, String name, Map<String, Object> row) {
        if (value instanceof Record record) {
            putRecord(record, prefixOf(name), row);
        } else if (value instanceof Map<?, ?> map) {
            String prefix = prefixOf(name);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                putValue(entry.getValue(), prefix + entry.getKey(), row);
            }
        } else {
            row.put(name, cell(value));
        }
    }

    /** "" stays "" (the row's own columns), a name becomes {@code name.}. */
    private static String prefixOf(String name) {
        return name.isEmpty() || name.endsWith(".") ? name : name + ".";
    }

    /** Whether the JSON leaves the value out, by the component's {@code @JsonInclude}. */
    private static boolean omitted(JsonInclude.Include include, Object value) {
        boolean empty = value == null
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof CharSequence s && s.isEmpty();
        return switch (include) {
            case NON_NULL, NON_ABSENT -> value == null;
            case NON_EMPTY -> empty;
            case NON_DEFAULT ->
                empty || value instanceof Number n && n.doubleValue() == 0 || Boolean.FALSE.equals(value);
            default -> false;
        };
    }

    /** A cell: null, text, a number, a boolean, or a list as it is. */
    private static Object cell(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Collection<?> c) {
            return List.copyOf(c.stream().map(e -> e == null ? "" : e).toList());
        }
        return value.toString();
    }

    private List<Part> shape(Class<?> type) {
        List<Part> parts = shapes.get(type);
        // a record reached only at run time (held as an Object) is read on the spot
        return parts != null ? parts : type.isRecord() ? parts(type) : List.of();
    }

    private static void collect(Type type, Map<Class<?>, List<Part>> shapes) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), shapes);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, shapes);
            }
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                collect(bound, shapes);
            }
        } else if (type instanceof Class<?> c) {
            if (c.isRecord() && !shapes.containsKey(c)) {
                shapes.put(c, parts(c));
                for (RecordComponent component : c.getRecordComponents()) {
                    collect(component.getGenericType(), shapes);
                }
            } else if (c.isSealed()) {
                for (Class<?> permitted : c.getPermittedSubclasses()) {
                    collect(permitted, shapes);
                }
            }
        }
    }

    private static List<Part> parts(Class<?> type) {
        Map<String, Method> namedMethods = new HashMap<>();
        for (Method method : type.getDeclaredMethods()) {
            JsonProperty property = method.getAnnotation(JsonProperty.class);
            if (property != null && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())) {
                namedMethods.put(property.value(), method);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            JsonProperty property = annotation(component, JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            Type valueType = component.getGenericType();
            if (annotation(component, JsonIgnore.class) != null) {
                // the JSON writes a method's value under this name instead, or nothing
                accessor = namedMethods.get(name);
                if (accessor == null) {
                    continue;
                }
                valueType = accessor.getGenericReturnType();
            }
            accessor.setAccessible(true); // a record of another package may be package-private
            JsonInclude include = annotation(component, JsonInclude.class);
            parts.add(new Part(
                    name,
                    accessor,
                    kind(accessor.getReturnType()),
                    annotation(component, JsonUnwrapped.class) != null
                            || annotation(component, JsonAnyGetter.class) != null,
                    include == null ? JsonInclude.Include.ALWAYS : include.value(),
                    valueType));
        }
        return List.copyOf(parts);
    }

    private static Kind kind(Class<?> type) {
        if (type.isPrimitive()
                || Number.class.isAssignableFrom(type)
                || CharSequence.class.isAssignableFrom(type)
                || type == Boolean.class
                || type == Character.class
                || type.isEnum()) {
            return Kind.SCALAR;
        }
        if (type.isRecord()) {
            return Kind.RECORD;
        }
        return Map.class.isAssignableFrom(type) ? Kind.MAP : Kind.VALUE;
    }

    /** A Jackson annotation written on a component lands on its accessor or its field. */
    private static <A extends Annotation> A annotation(RecordComponent component, Class<A> type) {
        A onAccessor = component.getAccessor().getAnnotation(type);
        if (onAccessor != null) {
            return onAccessor;
        }
        AnnotatedElement field;
        try {
            field = component.getDeclaringRecord().getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            return component.getAnnotation(type);
        }
        A onField = field.getAnnotation(type);
        return onField != null ? onField : component.getAnnotation(type);
    }
}
