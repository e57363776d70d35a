package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With {@code overflowPolicy=BLOCK} and the store down, a logging call waits at most
 * {@code maxBlockTime} for room and then drops (counted); once the store is back, the lines that
 * waited land exactly once.
 */
class BlockPolicyTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aFullBufferBlocksNoLongerThanMaxBlockTime(Framework fw) throws Exception {
        String prefix = "block/" + fw + "/";
        try (Store store = Store.startWithDirectory(data)) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("overflowPolicy", "BLOCK");
            settings.put("maxBlockTime", "30 ms");
            settings.put("maxBufferBytes", "8 KB");
            settings.put("maxBatchBytes", "2 KB");
            settings.put("maxEventBytes", "512");
            settings.put("discardThreshold", "100");
            Workload work;
            LoggingApp captured;
            long slowestNanos = 0;
            try (LoggingApp app = fw.start("OSS", settings)) {
                captured = app;
                work = new Workload(app, "a", 1);
                work.log(50);
                store.awaitFirstObject(prefix);
                store.stop();
                for (int i = 0; i < 150; i++) {
                    long start = System.nanoTime();
                    work.logOne();
                    slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
                }
                store.restart();
                work.log(50);
                app.stop();
            }
            assertTrue(slowestNanos < Duration.ofMillis(30 + 900).toNanos(),
                    "a call waited " + slowestNanos / 1_000_000 + " ms; maxBlockTime is 30 ms");
            assertTrue(slowestNanos >= Duration.ofMillis(25).toNanos(), "a full buffer made calls wait");
            LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
            assertTrue(check.intact() && check.other.isEmpty(), check.toString());
            assertTrue(check.missing > 0, "the buffer overflowed: " + check);
            assertEquals(check.missing, captured.reportedDrops(), check.toString());
            assertEquals(check.missing, check.markerDrops, check.toString());
        }
    }
}
