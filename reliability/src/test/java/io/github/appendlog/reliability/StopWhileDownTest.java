package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stopping while the store is down returns within shutdownTimeout and reports exactly what it could not flush. */
class StopWhileDownTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void stopReturnsWithinShutdownTimeoutAndCountsWhatItCouldNotFlush(Framework fw) throws Exception {
        String prefix = "stop-down/" + fw + "/";
        Store store = Store.start();
        Map<String, String> settings = store.settings(prefix + "app-%i.log");
        settings.put("shutdownTimeout", "1500 ms");
        settings.put("connectTimeout", "300 ms");
        settings.put("requestTimeout", "300 ms");
        Workload work;
        LoggingApp captured;
        Duration took;
        try (LoggingApp app = fw.start("OSS", settings)) {
            captured = app;
            work = new Workload(app, "a", 2);
            work.log(300);
            // Stopped between appends: an append cut off in flight may have landed without the
            // writer knowing, and stop would count it as not flushed (it cannot ask a stopped store).
            store.awaitLanded(prefix, work);
            store.stop();
            work.log(700);
            took = app.stop();
        }
        // The emulator's objects stay readable after it stopped serving.
        LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
        assertTrue(took.compareTo(Duration.ofMillis(1500 + 1500)) < 0, "stop took " + took);
        assertTrue(check.intact(), check.toString());
        assertTrue(check.missing >= 1000, "the lines logged while down cannot land: " + check);
        assertEquals(check.missing, captured.reportedUnflushed(), "stop reports the count it could not flush");
        assertEquals(0, captured.reportedDrops());
        assertTrue(captured.warnings("could not be delivered").size() == 1, captured.statuses().toString());
    }
}
