package org.stackvault.browser;

import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF, an optional UTF-8 BOM). */
final class Csv {
    private Csv() {}

    static List<List<String>> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean rowStarted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    rowStarted = true;
                }
                case ',' -> {
                    row.add(field.toString());
                    field.setLength(0);
                    rowStarted = true;
                }
                case '\r' -> {
                    // part of CRLF; the LF ends the row
                }
                case '\n' -> {
                    row.add(field.toString());
                    rows.add(row);
                    row = new ArrayList<>();
                    field.setLength(0);
                    rowStarted = false;
                }
                default -> {
                    field.append(c);
                    rowStarted = true;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (rowStarted) { // a last row without a line break
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
