package org.stackvault.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * A value written as the JSON text of a {@code <script type="application/json">} block (chart
 * data for the page's script). jte escapes text for a script block as a JavaScript string's
 * content, which would break JSON, so this content is written as it is, made safe here
 * instead: {@code <}, {@code >} and {@code &} (so no {@code </script>} or {@code <!--} can end
 * or change the block), and U+2028/U+2029, become {@code \}{@code u} escapes. In JSON these
 * characters stand only inside strings, where the escapes mean the same characters.
 * Immutable.
 */
final class JsonBlock implements Content {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String json;

    private JsonBlock(String json) {
        this.json = json;
    }

    /** {@code value} as Jackson writes it (records, lists, maps, strings, numbers). */
    static JsonBlock of(Object value) {
        try {
            return new JsonBlock(safe(MAPPER.writeValueAsString(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + value.getClass(), e);
        }
    }

    static String safe(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(json);
    }

    @Override
    public String toString() {
        return json;
    }
}
