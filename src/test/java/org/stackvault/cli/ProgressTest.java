package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The progress line and summary of the commands, on a clock the test moves. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long nanos = 1_000_000_000L;

    private Progress progress(String label, long total, boolean live) {
        return new Progress(label, total, out, live, () -> nanos);
    }

    private void elapse(double seconds) {
        nanos += (long) (seconds * 1e9);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void liveLine_showsItemsOfTotal_percent_rate_andEta() {
        Progress p = progress("dump records", 1000, true);
        elapse(0.5);
        p.advance(250);
        assertEquals("\rdump records: 250/1,000 (25%) 500/s ETA 0:01", printed());
    }

    @Test
    void eta_countsMinutesAndSeconds() {
        Progress p = progress("load", 100_000, true);
        elapse(10);
        p.advance(1000);
        assertEquals("\rload: 1,000/100,000 (1%) 100/s ETA 16:30", printed());
    }

    @Test
    void unknownTotal_showsItemsAndRate_withoutPercentOrEta() {
        Progress p = progress("load", 0, true);
        elapse(2);
        p.advance(3000);
        assertEquals("\rload: 3,000 1,500/s", printed());
    }

    @Test
    void workInAnotherUnit_showsItems_andThePercentAndEtaOfTheWork() {
        Progress p = progress("load-dump", 4000, true); // 4000 bytes to read
        elapse(1);
        p.advance(10, 1000); // 10 pairs, 1000 bytes read
        assertEquals("\rload-dump: 10 items (25%) 10/s ETA 0:03", printed());
    }

    @Test
    void liveLine_isDrawnAtTheFirstStep_thenRedrawnAtMostFourTimesASecond() {
        Progress p = progress("load", 100, true);
        p.advance(1);
        assertEquals("\rload: 1/100 (1%)", printed(), "no rate nor ETA over the first moments");
        int drawn = printed().length();
        elapse(0.1);
        p.advance(1);
        elapse(0.1);
        p.advance(1);
        assertEquals(drawn, printed().length(), "no redraw within 250 ms");
        elapse(0.05);
        p.advance(1);
        assertEquals("\rload: 4/100 (4%) 16/s ETA 0:06", printed().substring(drawn));
    }

    @Test
    void shorterLine_blanksWhatIsLeftOfTheLongerOne() {
        Progress p = progress("load", 0, true);
        elapse(1);
        p.advance(1_000_000); // "load: 1,000,000 1,000,000/s"
        elapse(1000);
        p.advance(1); // "load: 1,000,001 999/s" and 6 blanks
        String second = printed().substring(printed().lastIndexOf('\r'));
        assertEquals("\rload: 1,000,001 999/s      ", second);
    }

    @Test
    void notLive_printsNoProgressLine_onlyTheSummary() {
        Progress p = progress("dump users", 300, false);
        for (int i = 0; i < 3; i++) {
            elapse(1);
            p.advance(100);
        }
        p.finish(null);
        assertEquals("dump users: 300 items in 3.0 s (100/s)" + System.lineSeparator(), printed());
        assertFalse(printed().contains("\r"));
    }

    @Test
    void summary_clearsTheLiveLine_andGivesItemsTimeRateAndDetail() {
        Progress p = progress("load-dump", 8000, true);
        elapse(2);
        p.advance(500, 8000);
        int line = printed().length() - 1; // without its leading \r
        elapse(2);
        p.finish("into memcached 127.0.0.1:11211");
        assertEquals(
                "\r" + " ".repeat(line) + "\r" + "load-dump: 500 items in 4.0 s (125/s), into memcached 127.0.0.1:11211"
                        + System.lineSeparator(),
                printed().substring(line + 1));
    }

    @Test
    void terminalDevices_areTerminals_filesAndPipesAreNot() {
        assertTrue(Progress.isTerminalDevice("/dev/pts/3"));
        assertTrue(Progress.isTerminalDevice("/dev/tty1"));
        assertFalse(Progress.isTerminalDevice("/tmp/load.log"));
        assertFalse(Progress.isTerminalDevice("pipe:[48213]"));
        assertFalse(Progress.isTerminalDevice("/dev/null"));
    }

    @Test
    void progressOnAnotherStreamThanStderr_isNeverLive() {
        Progress p = Progress.on(out).start("generate-data", 10);
        p.advance(5);
        assertEquals("", printed());
    }
}
