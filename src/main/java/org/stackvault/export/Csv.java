package org.stackvault.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@link Table} as CSV that Excel and LibreOffice open as they find it: RFC 4180 (fields
 * separated by commas, records ended by CRLF, a field quoted when it holds a quote, comma,
 * semicolon, CR or LF or starts or ends with a space, quotes inside doubled), UTF-8 after a
 * byte order mark (without it Excel reads the bytes as the local code page), the column names
 * as the first record and nothing else before it (a comment line would break the spreadsheets'
 * column detection).
 *
 * <p>Formula injection: a text cell that a spreadsheet would take for a formula (it starts with
 * {@code = + - @}, a tab or a CR, or their full-width forms) is written with a leading
 * apostrophe, unless it is a number as written (then it is harmless and stays a number). Number
 * cells are written as numbers, never changed. A list is one cell, its items joined by
 * {@value #LIST_SEPARATOR} (items that are themselves records or maps as JSON).
 *
 * <p>Thread-safe: no state.
 */
public final class Csv {
    /** The media type of the output. */
    public static final String MEDIA_TYPE = "text/csv; charset=utf-8; header=present";
    /** Joins the items of a list in one cell. */
    public static final String LIST_SEPARATOR = ";";

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String CRLF = "\r\n";
    /** What a spreadsheet reads as a number: such text cannot start a formula. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private Csv() {}

    /** Writes {@code table} to {@code out} (which stays open, flushed). */
    public static void write(Table table, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write(BYTE_ORDER_MARK);
        record(writer, table.columns());
        for (List<Object> row : table.rows()) {
            record(writer, row);
        }
        writer.flush();
    }

    /**
     * Writes {@code rows} of one record type, a column per component (see {@link Tables}), to
     * {@code out} (which stays open, flushed).
     */
    public static <R extends Record> void write(List<? extends R> rows, Class<R> type, OutputStream out)
            throws IOException {
        write(Tables.of(List.of(type)).table(rows, type), out);
    }

    private static void record(Writer writer, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(field(cells.get(i)));
        }
        writer.write(CRLF);
    }

    /** The field of one cell, as written between the commas. */
    static String field(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Number number) {
            return number(number);
        }
        String text = cell instanceof List<?> list ? JsonRows.joined(list, LIST_SEPARATOR) : cell.toString();
        return quoted(guarded(text));
    }

    private static String number(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isFinite(value)
                    ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                    : quoted(Double.toString(value));
        }
        return number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
    }

    /** The text with an apostrophe before it when a spreadsheet would read it as a formula. */
    static String guarded(String text) {
        if (text.isEmpty()
                || !startsFormula(text.charAt(0))
                || NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    private static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    private static String quoted(String text) {
        boolean quote = !text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ');
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == ',' || c == ';' || c == '\r' || c == '\n';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
