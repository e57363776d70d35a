package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.FaultInjector;
import io.github.appendlog.emulator.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each transient fault a store or network produces, injected mid-run while four threads log:
 * every line lands exactly once, whole and in its thread's order (after decompression with
 * {@code compression=gzip}), and nothing is reported dropped.
 */
class TransientFaultsTest {
    @RegisterExtension
    final Store store = Store.perTest();

    static Stream<Arguments> faults() {
        Map<String, Consumer<FaultInjector>> faults = new java.util.LinkedHashMap<>();
        faults.put("500 InternalError", f -> f.failNext(Operation.APPEND, 3, 500, "InternalError"));
        faults.put("502 BadGateway", f -> f.failNext(Operation.APPEND, 3, 502, "BadGateway"));
        faults.put("503 ServiceUnavailable", f -> f.failNext(Operation.APPEND, 3, 503, "ServiceUnavailable"));
        faults.put("503 SlowDown on every operation", f -> f.slowDown(Operation.ANY, 6));
        faults.put("429 burst", f -> f.failNext(Operation.ANY, 12, 429, "TooManyRequests"));
        faults.put("reset before apply", f -> f.resetBeforeApply(Operation.APPEND, 3));
        faults.put("apply then drop", f -> f.applyThenDrop(Operation.APPEND, 3));
        faults.put("apply then drop, then HEAD fails while resolving", f -> f.applyThenDrop(Operation.APPEND, 2)
                .failNext(Operation.HEAD, 2, 503, "ServiceUnavailable"));
        faults.put("slow replies past the request timeout", f -> f.delayNext(Operation.APPEND, 2, Duration.ofMillis(1500)));
        List<Arguments> args = new ArrayList<>();
        for (String compression : new String[] {"none", "gzip"}) {
            for (Framework fw : Framework.values()) {
                faults.forEach((name, fault) -> args.add(Arguments.of(fw, compression, name, fault)));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}, compression={1}: {2}")
    @MethodSource("faults")
    void everyLineLandsOnceInOrderDespite(Framework fw, String compression, String name,
            Consumer<FaultInjector> fault) throws Exception {
        String prefix = "transient/" + fw + "/" + compression + "/" + name.replaceAll("[^a-z0-9]+", "-") + "/";
        Map<String, String> settings = store.settings(prefix + "app-%i.log");
        settings.put("requestTimeout", "500 ms");
        settings.put("compression", compression);
        Workload work;
        try (LoggingApp app = fw.start("OSS", settings)) {
            work = new Workload(app, "a", 4);
            work.log(500);
            store.awaitFirstObject(prefix);
            fault.accept(store.emu().faults());
            work.log(1000);
            await().atMost(Duration.ofSeconds(20)).until(() -> store.emu().faults().activeRules() == 0);
            app.stop();
            assertEquals(0, app.reportedDrops(), "nothing dropped");
            assertEquals(0, app.reportedUnflushed(), "everything flushed at stop");
        }
        LineCheck check = LineCheck.of(store.text(prefix, compression), work.expected());
        assertTrue(check.perfect(), check.toString());
        assertEquals(6000, check.present);
    }
}
