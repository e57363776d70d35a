package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.FaultInjector;
import io.github.appendlog.emulator.Operation;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two applications (two logger contexts, two pipelines) append to the same object key at once: they
 * resync on PositionNotEqualToLength, and every line of both lands once, whole, in order.
 */
class SharedObjectTest {

    static Stream<Arguments> cases() {
        return Stream.of(Framework.values())
                .flatMap(fw -> Stream.of(Arguments.of(fw, "none"), Arguments.of(fw, "gzip")));
    }

    @ParameterizedTest(name = "{0}, compression={1}")
    @MethodSource("cases")
    void twoApplicationsOnOneKeyLoseAndTearNothing(Framework fw, String compression) throws Exception {
        run(fw, compression, "shared/" + fw + "/" + compression + "/", f -> { });
    }

    @ParameterizedTest(name = "{0}, compression={1}")
    @MethodSource("cases")
    void twoApplicationsOnOneKeyWithAmbiguousAppendsLoseAndDuplicateNothing(Framework fw, String compression)
            throws Exception {
        // An append applied but unanswered, then the other writer appends behind it: the writer must
        // find its bytes by reading them back, not by the object's length. With gzip the two
        // writers' members interleave whole, so the object stays one valid gzip stream.
        run(fw, compression, "shared-faults/" + fw + "/" + compression + "/", f -> f.applyThenDrop(Operation.APPEND, 6)
                .resetBeforeApply(Operation.APPEND, 4).failNext(Operation.APPEND, 4, 503, "ServiceUnavailable"));
    }

    private void run(Framework fw, String compression, String prefix,
            java.util.function.Consumer<FaultInjector> faults) throws Exception {
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBatchBytes", "4 KB");
            settings.put("maxEventBytes", "1 KB");
            settings.put("flushInterval", "10 ms");
            settings.put("compression", compression);
            Workload first;
            Workload second;
            try (LoggingApp a = fw.start("OSS-A", settings); LoggingApp b = fw.start("OSS-B", settings)) {
                first = new Workload(a, "a", 2);
                second = new Workload(b, "b", 2);
                // The writers meet for sure before the race: A appends, B resumes behind it and
                // appends, so A's next append is at a stale position and must resync. Only then do
                // the faults begin, so they fall on the race that follows.
                first.log(1);
                store.awaitLanded(prefix, compression, first);
                second.log(1);
                store.awaitLanded(prefix, compression, first, second);
                first.log(1);
                store.awaitLanded(prefix, compression, first, second);
                assertTrue(!a.containing("PositionNotEqualToLength").isEmpty(), "A resynced behind B: " + a.statuses());
                faults.accept(store.emu().faults());
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                    try {
                        second.log(1499);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                first.log(1498);
                other.join();
                a.stop();
                b.stop();
                assertEquals(0, store.emu().faults().activeRules(), "every injected fault was met");
                assertEquals(0, a.reportedDrops() + b.reportedDrops());
                assertEquals(0, a.reportedUnflushed() + b.reportedUnflushed());
            }
            LineCheck check = LineCheck.of(store.text(prefix, compression), Workload.expected(first, second));
            assertTrue(check.perfect(), check.toString());
            assertEquals(6000, check.present);
        }
    }
}
