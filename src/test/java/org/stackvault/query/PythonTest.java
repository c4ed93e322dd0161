package org.stackvault.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.25, 0.2%", // the double 0.25 is exact: a tie, rounded to even as CPython does
        "0.35, 0.3%", // the double 0.35 is a little below 0.35
        "0.45, 0.5%", // the double 0.45 is a little above 0.45
        "78.94736842105263, 78.9%",
        "100.0, 100.0%",
        "0.0, 0.0%",
        "7.95, 8.0%",
        "66.66666666666667, 66.7%",
    })
    void percent1_roundsLikeCPythonsPercentFormat(double x, String expected) {
        assertEquals(expected, Python.percent1(x));
    }

    @Test
    void percent1_fastPath_agreesWithExactRounding_onRatiosOfSmallCounts() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            int numeric = 1 + random.nextInt(5000);
            int part = random.nextInt(numeric + 1);
            double x = part * 100.0 / numeric;
            String exact = new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
            assertEquals(exact, Python.percent1(x), part + "/" + numeric);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"nova, Nova", "NOVA, Nova", "openStack, Openstack", "'', ''", "élan, Élan"})
    void capitalize_upperFirstLowerRest(String in, String expected) {
        assertEquals(expected, Python.capitalize(in));
    }
}
