package org.stackvault.web;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * JSON for a {@code <script type="application/json">} block. jte escapes a script element's
 * text for JavaScript strings, which is not JSON; so the JSON is written as it is, made safe
 * for that place when it is produced: Jackson writes {@code < > & '} as {@code \\uXXXX}
 * escapes ({@link HtmlSafe}), so no {@code </script>}, {@code <!--} or markup can appear in
 * it, whatever the data holds. Immutable.
 */
record JsonBlock(String json) implements Content {
    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(json);
    }

    /** Jackson's escapes plus the characters that could end or change a script element. */
    static final class HtmlSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        HtmlSafe() {
            int[] codes = CharacterEscapes.standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                codes[c] = CharacterEscapes.ESCAPE_STANDARD;
            }
            this.ascii = codes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // only ESCAPE_STANDARD codes: Jackson writes them as \\uXXXX
        }
    }
}
