package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store goes away while the application keeps logging, and comes back on the same port with
 * its objects (directory storage): within the buffer nothing is lost; beyond it the drops counted
 * equal the lines missing, and one marker line in the object says so; with the journal on, an
 * outage far longer than the buffer lasts loses nothing either.
 */
class OutageTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aBufferLargeEnoughForTheOutageLosesNothing(Framework fw) throws Exception {
        String prefix = "outage-large/" + fw + "/";
        try (Store store = Store.startWithDirectory(data)) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBufferBytes", "16 MB");
            Workload work;
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 4);
                logThroughAnOutage(store, prefix, app, work, 500, 2000, 500);
                assertEquals(0, app.reportedDrops());
                assertEquals(0, app.reportedUnflushed());
            }
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.perfect(), check.toString());
            assertEquals(12_000, check.present);
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aSmallBufferDropsCountsExactlyAndMarksTheObject(Framework fw) throws Exception {
        String prefix = "outage-small/" + fw + "/";
        try (Store store = Store.startWithDirectory(data)) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBufferBytes", "64 KB");
            settings.put("maxBatchBytes", "16 KB");
            Workload work;
            LoggingApp captured;
            try (LoggingApp app = fw.start("OSS", settings)) {
                captured = app;
                work = new Workload(app, "a", 4);
                // 5000 lines a thread during the outage, about 2 MB: far more than the buffer holds
                logThroughAnOutage(store, prefix, app, work, 500, 5000, 200);
            }
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.intact(), check.toString());
            assertTrue(check.torn.isEmpty() && check.other.isEmpty(), check.toString());
            assertTrue(check.missing > 10_000, "the outage must overflow the buffer: " + check);
            assertEquals(check.missing, captured.reportedDrops(), "reported drops equal missing lines; " + check);
            assertEquals(check.missing, check.markerDrops, "the marker lines count the drops; " + check);
            assertTrue(check.markerLines >= 1, check.toString());
            assertEquals(0, captured.reportedUnflushed());
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void withTheJournalAnOutageLongerThanTheBufferLosesNothing(Framework fw) throws Exception {
        String prefix = "outage-journal/" + fw + "/";
        try (Store store = Store.startWithDirectory(data.resolve("store"))) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBufferBytes", "64 KB");
            settings.put("maxBatchBytes", "16 KB");
            settings.put("journalDirectory", data.resolve("journal").toString());
            // A logging thread may wait for the journal's writes (never for the store): no drop even
            // when this 2-core machine is slow to run the journal's thread.
            settings.put("overflowPolicy", "BLOCK");
            settings.put("maxBlockTime", "10 seconds");
            settings.put("discardThreshold", "100");
            try (LoggingApp app = fw.start("OSS", settings)) {
                Workload work = new Workload(app, "a", 4);
                work.log(500);
                store.awaitFirstObject(prefix);
                store.stop();
                // 12,500 lines a thread at 4,000 lines a second each, about 4.3 MB: 60 times the buffer
                work.logPaced(12_500, Duration.ofNanos(250_000));
                app.awaitWarning("cannot append");
                await().atMost(Duration.ofSeconds(20)).until(() -> app.stats().journalledEvents() == work.total());
                store.restart();
                work.log(200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> LineCheck.of(store.bytes(prefix), work.expected()).missing == 0);
                app.stop();
                assertEquals(0, app.reportedDrops(), app.statuses().toString());
                assertEquals(0, app.reportedUnflushed());
                assertEquals(List.of(), app.errors(""));
                LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
                assertTrue(check.perfect(), check.toString());
                assertEquals(52_800, check.present);
            }
        }
    }

    /**
     * Each thread logs {@code before} lines and the first object appears; the store stops, each
     * thread logs {@code during} lines and the appender reports it cannot append; the store restarts,
     * each thread logs {@code after} lines; the app stops.
     */
    private static void logThroughAnOutage(Store store, String prefix, LoggingApp app, Workload work,
            int before, int during, int after) throws InterruptedException {
        work.logWhileTheStoreStops(store, prefix, before, during);
        store.restart();
        work.log(after);
        app.stop();
    }
}
