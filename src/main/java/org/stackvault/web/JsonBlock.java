package org.stackvault.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * A value as JSON for the body of a {@code <script type="application/json">} block. jte would
 * escape text there for a JavaScript string, which breaks JSON; so the JSON is written as it is,
 * made safe instead by escaping every {@code <}, {@code >} and {@code &} as {@code \}{@code uXXXX}:
 * no data can end the block ({@code </script>}) or open a comment; the script reads it with
 * {@code JSON.parse}. Immutable.
 */
record JsonBlock(String json) implements Content {
    private static final ObjectWriter WRITER = new ObjectMapper().writer().with(new BlockEscapes());

    /** {@code value} serialised by Jackson as the API serialises its answers. */
    static JsonBlock of(Object value) {
        try {
            return new JsonBlock(WRITER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // plain records and trees always serialise
        }
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(json);
    }

    /** Jackson's standard escapes plus {@code < > &}. */
    private static final class BlockEscapes extends CharacterEscapes {
        private final int[] escapes;

        BlockEscapes() {
            escapes = standardAsciiEscapesForJSON();
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // only the standard escapes above
        }
    }
}
