package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kill tests' check itself: it passes a kept promise and names each way of breaking it. */
class JournalCheckTest {
    private static final List<JournalCheck.Run> RUNS = List.of(
            new JournalCheck.Run("k0", "SIGKILL", false, 3, JournalRuns.UNBOUNDED, 1),
            new JournalCheck.Run("k1", "stopped", true, 2, 2, 2));

    private static JournalCheck check(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        return JournalCheck.of(b.toString().getBytes(StandardCharsets.UTF_8), RUNS);
    }

    private static String k(int run, long seq) {
        return NumberedLines.line("k" + run, 0, seq);
    }

    @Test
    void theJournalledLinesAndMoreOnceInOrderKeepThePromise() {
        JournalCheck c = check(k(0, 0), k(0, 1), k(0, 2), k(0, 3), k(1, 0), k(1, 1));
        assertTrue(c.kept(), c.toString());
        assertEquals(2, c.backlogDelivered());
    }

    @Test
    void aJournalledLineMissingIsLost() {
        JournalCheck c = check(k(0, 0), k(0, 1), k(1, 0), k(1, 1));
        assertFalse(c.kept());
        assertTrue(c.problems.get(0).contains("1 of its journalled lines are missing, the first is line 2"), c.problems.toString());
    }

    @Test
    void aGapBeforeLaterLinesIsALoss() {
        JournalCheck c = check(k(0, 0), k(0, 1), k(0, 2), k(0, 4), k(1, 0), k(1, 1));
        assertFalse(c.kept());
        assertTrue(c.problems.get(0).contains("line 3 is missing, and 1 later lines landed"), c.problems.toString());
    }

    @Test
    void aDuplicateOrALineOutOfOrderBreaksIt() {
        assertFalse(check(k(0, 0), k(0, 1), k(0, 2), k(0, 2), k(1, 0), k(1, 1)).kept());
        assertFalse(check(k(0, 0), k(0, 2), k(0, 1), k(1, 0), k(1, 1)).kept());
    }

    @Test
    void theBacklogAfterTheNextRunsLinesBreaksIt() {
        JournalCheck c = check(k(0, 0), k(0, 1), k(1, 0), k(0, 2), k(1, 1));
        assertFalse(c.kept());
        assertTrue(c.problems.get(0).contains("comes after lines of the later run k1"), c.problems.toString());
    }

    @Test
    void aMarkerLineOrAMissingLineOfTheLastRunBreaksIt() {
        assertFalse(check(k(0, 0), k(0, 1), k(0, 2), "[appendlog] dropped 1 events (x) between a and b", k(1, 0),
                k(1, 1)).kept());
        assertFalse(check(k(0, 0), k(0, 1), k(0, 2), k(1, 0)).kept());
    }
}
