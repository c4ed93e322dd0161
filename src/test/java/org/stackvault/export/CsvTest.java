package org.stackvault.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV as a strict RFC 4180 reader (commons-csv) reads it back: byte order mark, CRLF,
 * quoting, hostile text round-tripped, formulas defused, numbers left as numbers.
 */
class CsvTest {
    /** Text a spreadsheet would run: Excel's DDE payload. */
    static final String FORMULA = "=cmd|' /C calc'!A0";
    /** Every character CSV treats specially, and breaks of both kinds. */
    static final String QUOTING = "a \"quoted\", name; with\r\nbreaks\nand\rreturns ";
    /** Markup and non-ASCII text. */
    static final String MARKUP = "</script><img src=x> Société 日本 😀";

    record Row(String name, long count, double ratio, Integer missing) {}

    private static byte[] csv(List<Row> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Csv.write(rows, Row.class, out);
        return out.toByteArray();
    }

    /** The records as a strict RFC 4180 reader sees them, the byte order mark removed first. */
    static List<List<String>> parse(byte[] csv) throws IOException {
        assertArrayEquals(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                Arrays.copyOf(csv, 3),
                "UTF-8 byte order mark first");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().get().parse(new StringReader(text))) {
            records.add(record.toList());
        }
        return records;
    }

    @Test
    void hostileText_roundTrips_throughAStrictReader() throws Exception {
        List<Row> rows = List.of(new Row(QUOTING, 1, 0.5, null), new Row(MARKUP, 2, 1.0, 3));

        List<List<String>> records = parse(csv(rows));

        assertEquals(List.of("name", "count", "ratio", "missing"), records.get(0));
        assertEquals(List.of(QUOTING, "1", "0.5", ""), records.get(1));
        assertEquals(List.of(MARKUP, "2", "1", "3"), records.get(2));
        assertEquals(3, records.size());
    }

    @Test
    void everyRecord_endsInCrlf_andNoBareLineBreakOutsideQuotes() throws Exception {
        String text = new String(csv(List.of(new Row("plain", 1, 2, 3))), StandardCharsets.UTF_8);

        assertEquals("\uFEFFname,count,ratio,missing\r\nplain,1,2,3\r\n", text);
    }

    @Test
    void formulas_getALeadingApostrophe_butNumbersStayNumbers() throws Exception {
        List<String> hostile = List.of(FORMULA, "+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1", "-", "=");
        List<Row> rows = new ArrayList<>();
        hostile.forEach(h -> rows.add(new Row(h, -5, -0.25, null)));
        rows.add(new Row("-12.5", 0, 0, null));
        rows.add(new Row("+3e4", 0, 0, null));

        List<List<String>> records = parse(csv(rows));

        for (int i = 0; i < hostile.size(); i++) {
            assertEquals("'" + hostile.get(i), records.get(i + 1).get(0), "defused");
            assertEquals("-5", records.get(i + 1).get(1), "a negative number stays a number");
            assertEquals("-0.25", records.get(i + 1).get(2));
        }
        assertEquals("-12.5", records.get(hostile.size() + 1).get(0), "text that is a number is left alone");
        assertEquals("+3e4", records.get(hostile.size() + 2).get(0));
    }

    @Test
    void noRows_stillNameTheColumns() throws Exception {
        assertEquals(List.of(List.of("name", "count", "ratio", "missing")), parse(csv(List.of())));
    }

    @Test
    void aList_isOneCell_itsItemsJoinedBySemicolons() throws Exception {
        Table table = new Table(List.of("core"), List.of(List.of(List.of("nova", "=glance"))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Csv.write(table, out);

        List<List<String>> records = parse(out.toByteArray());
        assertEquals("nova;=glance", records.get(1).get(0));
        assertTrue(Csv.field(List.of("=x", "y")).startsWith("\"'="), "a joined list that starts a formula");
    }
}
