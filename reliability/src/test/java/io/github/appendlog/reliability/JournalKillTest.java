package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.journal.CrashPoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The journal survives {@code kill -9}, per framework: an app in a JVM of its own logs numbered
 * lines at a fixed rate with the journal on and says, every few milliseconds, how many it
 * journalled; it is killed (SIGKILL at a seeded random moment, or halted by a crash hook at a named
 * point of the journal's and the sender's work) and restarted on the same directory, again, and the
 * last run stops cleanly once all landed. Every line a run said it journalled lands exactly once,
 * in order, the backlog before the next run's lines (lost 0, duplicated 0, see
 * {@link JournalCheck}); also when the store was down at the kill. {@link JournalKillSoak} runs 200
 * kills in the soak profile.
 */
class JournalKillTest {
    static final long SEED = Long.getLong("journal.seed", 14);
    static final int KILLS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framework.class)
    void everyLineJournalledBeforeASigkillLandsOnceInOrder(Framework fw) throws Exception {
        String prefix = "journal-kill/" + fw + "/";
        try (Store store = Store.start();
                JournalRuns runs = new JournalRuns(dir, fw, store, prefix, settings(store, prefix))) {
            Random random = new Random(SEED + fw.ordinal());
            for (int i = 0; i < KILLS; i++) {
                JournalKillSoak.killAtRandom(runs, random, 1);
            }
            runs.finish(300);
            JournalCheck check = assertKept(fw, runs, "seed " + (SEED + fw.ordinal()));
            assertTrue(check.backlogDelivered() > 0, "some kill left journalled lines that had not landed: " + check);
        }
    }

    /** What the next run says of the append a crash at these points left unsettled. */
    private static final Map<String, String> SETTLED = Map.of(
            CrashPoints.INTENT_RECORDED, "that a stop or crash left unsettled had not landed",
            CrashPoints.APPEND_REPLIED, "that a stop or crash left unsettled had landed");

    static Stream<Arguments> crashPoints() {
        List<Arguments> cases = new ArrayList<>();
        for (Framework fw : Framework.values()) {
            cases.add(Arguments.of(fw, CrashPoints.JOURNAL_WRITTEN, 10));
            cases.add(Arguments.of(fw, CrashPoints.INTENT_RECORDED, 4));
            cases.add(Arguments.of(fw, CrashPoints.APPEND_REPLIED, 4));
            cases.add(Arguments.of(fw, CrashPoints.SEGMENT_ROLL, 2));
            cases.add(Arguments.of(fw, CrashPoints.CLEANUP, 1));
            cases.add(Arguments.of(fw, CrashPoints.COMPACTION, 1));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} halted at the {2}th {1}")
    @MethodSource("crashPoints")
    void aCrashAtEachPointLosesAndDuplicatesNothing(Framework fw, String point, int nth) throws Exception {
        boolean compaction = point.equals(CrashPoints.COMPACTION);
        // The records are rewritten past 1 MB; an intent record holds the object key: many small
        // appends to a long key get there in seconds.
        String prefix = "journal-crash/" + fw + "/" + point + "/" + (compaction ? "k".repeat(700) + "/" : "");
        try (Store store = Store.start()) {
            Map<String, String> settings = settings(store, prefix);
            if (compaction) {
                settings.put("maxBatchBytes", "1 KB");
                settings.put("maxEventBytes", "1 KB");
                settings.put("flushInterval", "5 ms");
                settings.put("maxJournalBytes", "64 MB");
            }
            try (JournalRuns runs = new JournalRuns(dir, fw, store, prefix, settings)) {
                runs.awaitCrash(runs.startLogging(0.25, point + ":" + nth), point, Duration.ofSeconds(60));
                ChildJvm next = runs.finish(300);
                assertKept(fw, runs, point);
                String settled = SETTLED.get(point);
                if (settled != null) { // the append the crash left without its outcome was settled, not sent blindly
                    assertEquals(1, next.statuses("INFO", settled).size(), runs.outputs());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framework.class)
    void killedWhileTheStoreIsDownThenRestartedAfterItCameBack(Framework fw) throws Exception {
        String prefix = "journal-outage-kill/" + fw + "/";
        try (Store store = Store.startWithDirectory(dir.resolve("store"))) {
            Map<String, String> settings = settings(store, prefix);
            settings.put("maxBufferBytes", "64 KB");
            settings.put("maxJournalBytes", "64 MB");
            // A slow turn of the journal's thread on this 2-core machine makes the logging thread
            // wait, not drop: "journalled n" then still means lines 0..n-1.
            settings.put("overflowPolicy", "BLOCK");
            settings.put("maxBlockTime", "10 seconds");
            settings.put("discardThreshold", "100");
            try (JournalRuns runs = new JournalRuns(dir, fw, store, prefix, settings)) {
                ChildJvm child = runs.startLogging(0.5, null);
                child.awaitJournalled(500, Duration.ofSeconds(30));
                store.awaitFirstObject(prefix);
                store.stop();
                child.awaitStatus("WARN", "cannot append", Duration.ofSeconds(20));
                // 4000 lines more, about 350 KB: far more than the 64 KB buffer holds
                child.awaitJournalled(child.journalled() + 4000, Duration.ofSeconds(20));
                runs.kill(child);
                store.restart();
                runs.finish(300);
                JournalCheck check = assertKept(fw, runs, "store down at the kill");
                assertTrue(check.backlogDelivered() >= 4000, "the journal delivered the outage's lines: " + check);
            }
        }
    }

    /** The settings of every run: the store's, a short flush interval, a 1 MB journal (128 KiB segments). */
    static Map<String, String> settings(Store store, String prefix) {
        Map<String, String> s = store.settings(prefix + "app-%i.log");
        s.put("flushInterval", "200 ms");
        s.put("maxJournalBytes", "1 MB");
        s.put("shutdownTimeout", "30 seconds");
        return s;
    }

    private static JournalCheck assertKept(Framework fw, JournalRuns runs, String what) {
        JournalCheck check = runs.check();
        assertTrue(check.kept(), fw + ", " + what + ": " + check + "\n" + runs.outputs());
        assertEquals(List.of(), runs.errors(), fw + ", " + what + ": error statuses\n" + runs.outputs());
        return check;
    }
}
