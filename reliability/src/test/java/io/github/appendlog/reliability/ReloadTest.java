package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration is reloaded while the store is down and events wait in the buffer. Log4j2's
 * new appender takes the running pipeline over through the shared manager: nothing is lost.
 * Logback stops the old appender: it reports exactly the count it could not send.
 */
class ReloadTest {
    @TempDir
    Path data;

    @Test
    void log4j2KeepsTheBufferedEventsAcrossAReload() throws Exception {
        String prefix = "reload/LOG4J2/";
        try (Store store = Store.startWithDirectory(data)) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            Workload work;
            try (LoggingApp app = Framework.LOG4J2.start("OSS", settings)) {
                work = new Workload(app, "a", 2);
                work.logWhileTheStoreStops(store, prefix, 300, 1000);
                app.reload();
                assertTrue(app.appenderStarted(), "the reloaded appender runs");
                work.log(300);
                store.restart();
                work.log(300);
                app.stop();
                assertEquals(0, app.reportedUnflushed(), "the reload stopped no pipeline: " + app.warnings("stop:"));
                assertEquals(0, app.reportedDrops());
            }
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.perfect(), check.toString());
        }
    }

    @Test
    void logbacksOldAppenderReportsTheCountItCouldNotSend() throws Exception {
        String prefix = "reload/LOGBACK/";
        try (Store store = Store.startWithDirectory(data)) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("shutdownTimeout", "1 second");
            settings.put("connectTimeout", "200 ms");
            Workload work;
            LoggingApp captured;
            try (LoggingApp app = Framework.LOGBACK.start("OSS", settings)) {
                captured = app;
                work = new Workload(app, "a", 2);
                work.logWhileTheStoreStops(store, prefix, 300, 1000);
                long start = System.nanoTime();
                app.reload();
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(4)) < 0,
                        "the old appender stopped within its shutdownTimeout");
                assertTrue(app.appenderStarted(), "the new appender runs");
                assertTrue(app.reportedUnflushed() >= 1000, "the old appender counted what it held: "
                        + app.warnings("stop:"));
                store.restart();
                work.log(300);
                app.stop();
            }
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.intact() && check.other.isEmpty(), check.toString());
            assertEquals(check.missing, captured.reportedUnflushed(), "reported unsent equals missing; " + check);
            assertEquals(0, captured.reportedDrops());
        }
    }
}
