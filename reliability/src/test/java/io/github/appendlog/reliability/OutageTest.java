package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store goes away while the application keeps logging, and comes back on the same port with
 * its objects (directory storage): within the buffer nothing is lost; beyond it the drops counted
 * equal the lines missing, and one marker line in the object says so.
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

    /**
     * Each thread logs {@code before} lines and the first object appears; the store stops, each
     * thread logs {@code during} lines and the appender reports it cannot append; the store restarts,
     * each thread logs {@code after} lines; the app stops.
     */
    private static void logThroughAnOutage(Store store, String prefix, LoggingApp app, Workload work,
            int before, int during, int after) throws InterruptedException {
        work.log(before);
        store.awaitFirstObject(prefix);
        store.stop();
        work.log(during);
        app.awaitError("cannot append");
        store.restart();
        work.log(after);
        app.stop();
    }
}
