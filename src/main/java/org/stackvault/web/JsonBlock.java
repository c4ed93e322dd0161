package org.stackvault.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * A value as JSON for a {@code <script type="application/json">} block: jte escapes a
 * string in a script element for JavaScript, which would break JSON, so the block's text
 * is written as content that is safe by construction: Jackson writes every {@code <},
 * {@code >}, {@code &}, {@code '} and the line separators U+2028/U+2029 as {@code \\uXXXX},
 * so no data can end the element ({@code </script>}) or open a comment ({@code <!--}).
 * Immutable.
 */
final class JsonBlock implements Content {
    /** The web layer's one JSON writer: pages, {@code ?format=json}, the type-ahead and the downloads' errors. */
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final ObjectMapper SCRIPT_SAFE = scriptSafe();

    private final String json;

    private JsonBlock(String json) {
        this.json = json;
    }

    private static ObjectMapper scriptSafe() {
        ObjectMapper mapper = MAPPER.copy();
        mapper.getFactory().setCharacterEscapes(new HtmlSafe());
        return mapper;
    }

    /** {@code value} as script-safe JSON. */
    static JsonBlock of(Object value) {
        try {
            return new JsonBlock(SCRIPT_SAFE.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a page's JSON", e);
        }
    }

    /** {@code value} as script-safe JSON written by {@code writer} (its naming, its features). */
    static JsonBlock of(Object value, ObjectWriter writer) {
        try {
            return new JsonBlock(writer.with(new HtmlSafe()).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a page's JSON", e);
        }
    }

    /** The JSON text. */
    String json() {
        return json;
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(json);
    }

    /** Jackson's escapes plus the characters that could end or change a script element. */
    static final class HtmlSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafe() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
