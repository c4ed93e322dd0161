package org.stackvault.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextTest {
    private static final String HISTOGRAM = """
            # HELP t_seconds Requests, "quoted" \\\\ and \\n escaped
            # TYPE t_seconds histogram
            t_seconds_bucket{a="x\\"y",le="0.1"} 1
            t_seconds_bucket{a="x\\"y",le="+Inf"} 3
            t_seconds_count{a="x\\"y"} 3
            t_seconds_sum{a="x\\"y"} 0.5
            # a comment
            up 1 1700000000000
            """;

    @Test
    void parse_validText_givesTheSamplesWithUnescapedLabels() {
        PrometheusText text = PrometheusText.parse(HISTOGRAM);
        assertEquals(3, text.value("t_seconds_count", "a", "x\"y"));
        assertEquals(3, text.value("t_seconds_bucket", "a", "x\"y", "le", "+Inf"));
        assertEquals(1, text.value("up"));
        assertEquals("histogram", text.types().get("t_seconds"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "up 1", // no final line feed
                "up  1\n",
                "1up 1\n",
                "up{a=\"1\" 1\n",
                "up{a=1} 1\n",
                "up{a=\"\\x\"} 1\n",
                "up{a=\"1\",a=\"2\"} 1\n",
                "up one\n",
                "up 1 soon\n",
                "up 1\nup 2\n",
                "# TYPE up gauge\n# TYPE up gauge\nup 1\n",
                "# TYPE up gaugee\nup 1\n",
                "up 1\n# TYPE up gauge\n",
                "a 1\nb 1\na{x=\"1\"} 1\n",
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 0\n",
                "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 0\n",
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\nh_sum 0\n",
                "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"
            })
    void parse_textBreakingTheFormat_throws(String text) {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(text), text);
    }
}
