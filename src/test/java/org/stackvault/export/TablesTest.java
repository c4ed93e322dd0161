package org.stackvault.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How records become columns: declaration order, JSON names, nesting, maps, lists, answers. */
class TablesTest {
    record Marks(
            @JsonProperty("-2") int minusTwo, @JsonAnyGetter Map<String, Long> other) {}

    record Nested(String city, String zip) {}

    record Row(
            @JsonIgnore int index,
            String id,
            @JsonProperty("user_name") String userName,
            @JsonUnwrapped Marks marks,
            Nested address,
            List<String> tags,
            @JsonInclude(JsonInclude.Include.NON_NULL) String optional) {
        @JsonProperty("index")
        Object rank() {
            return index == 0 ? "" : index;
        }
    }

    record Rows(List<Row> rows, @JsonProperty("default") String defaultValue) {}

    record Point(String week, long count) {}

    record Series(List<Point> all, List<Point> release) {}

    record SeriesAnswer(Series timeline) {}

    record ByKey(Map<String, Nested> stats) {}

    record Single(Nested one) {}

    record Nothing(String text, long number) {}

    private static final Tables TABLES =
            Tables.of(List.of(Rows.class, SeriesAnswer.class, ByKey.class, Single.class, Nothing.class));

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void columns_followTheComponents_withJsonNames_nestedDotted_andUnwrappedPlain() {
        Map<String, Long> other = new LinkedHashMap<>();
        other.put("-3", 7L);
        Row first = new Row(1, "a", "Ann", new Marks(2, other), new Nested("Oslo", "0150"), List.of("x", "y"), null);
        Row second = new Row(0, "b", null, null, null, List.of(), "here");

        Table table = TABLES.answer(new Rows(List.of(first, second), "ignored"));

        assertEquals(
                List.of("index", "id", "user_name", "-2", "-3", "address.city", "address.zip", "tags", "optional"),
                table.columns());
        assertEquals(
                row(1, "a", "Ann", 2, 7L, "Oslo", "0150", List.of("x", "y"), null),
                table.rows().get(0));
        assertEquals(
                row("", "b", null, null, null, null, null, List.of(), "here"),
                table.rows().get(1));
    }

    @Test
    void columnsNoRowHolds_areLeftOut_butAnEmptyTableNamesTheFixedOnes() {
        Row plain = new Row(3, "c", "Cy", null, null, List.of(), null);

        assertEquals(
                List.of("index", "id", "user_name", "tags"),
                TABLES.answer(new Rows(List.of(plain), null)).columns());
        assertEquals(
                List.of("index", "id", "user_name", "-2", "address.city", "address.zip", "tags", "optional"),
                TABLES.answer(new Rows(List.of(), null)).columns());
    }

    @Test
    void parallelSeries_becomeARowPerLabel_andAColumnPerSeries() {
        Series series = new Series(
                List.of(new Point("w1", 1), new Point("w2", 2)), List.of(new Point("w2", 5), new Point("w3", 6)));

        Table table = TABLES.answer(new SeriesAnswer(series));

        assertEquals(List.of("week", "all", "release"), table.columns());
        assertEquals(List.of(row("w1", 1L, null), row("w2", 2L, 5L), row("w3", null, 6L)), table.rows());
    }

    @Test
    void aMapOfRecords_isARowPerEntry_keyedById() {
        Map<String, Nested> stats = new LinkedHashMap<>();
        stats.put("u1", new Nested("Rome", "001"));
        stats.put("u2", new Nested("Pisa", "561"));

        Table table = TABLES.answer(new ByKey(stats));

        assertEquals(List.of("id", "city", "zip"), table.columns());
        assertEquals(List.of(row("u1", "Rome", "001"), row("u2", "Pisa", "561")), table.rows());
    }

    @Test
    void oneRecord_isOneRow_andAnAnswerOfScalarsHoldsNoTable() {
        assertEquals(
                List.of(row("Rome", "001")),
                TABLES.answer(new Single(new Nested("Rome", "001"))).rows());
        assertTrue(TABLES.tabular(Single.class));
        assertFalse(TABLES.tabular(Nothing.class));
    }
}
