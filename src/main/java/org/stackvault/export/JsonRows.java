package org.stackvault.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link Table} as JSON: an array of objects, one per row, each with every column in order
 * (null where the row has no value); numbers as numbers, lists as arrays. Thread-safe.
 */
public final class JsonRows {
    /** The media type of the output. */
    public static final String MEDIA_TYPE = "application/json; charset=utf-8";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonRows() {}

    /** Writes {@code table} to {@code out} (which stays open, flushed). */
    public static void write(Table table, OutputStream out) throws IOException {
        List<String> columns = table.columns();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartArray();
            for (List<Object> row : table.rows()) {
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    json.writeFieldName(columns.get(i));
                    json.writeObject(row.get(i));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.flush();
    }

    /** A list in one text: its items joined by {@code separator}, each a record or map as JSON. */
    static String joined(List<?> items, String separator) {
        return items.stream().map(JsonRows::text).collect(Collectors.joining(separator));
    }

    private static String text(Object item) {
        if (item == null) {
            return "";
        }
        if (item instanceof Record || item instanceof Map<?, ?> || item instanceof List<?>) {
            try {
                return MAPPER.writeValueAsString(item);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return item.toString();
    }
}
