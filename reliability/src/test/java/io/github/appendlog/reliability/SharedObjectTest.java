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

    private static final java.util.regex.Pattern LANDED_THEN_OTHERS = java.util.regex.Pattern.compile(
            "the append of (\\d+) bytes at position (\\d+) .* had landed; continuing at position (\\d+)");

    /**
     * Evidence that a writer met the other one: a PositionNotEqualToLength reply, or a batch found
     * in the object by reading it back with the other writer's bytes already behind it.
     */
    private static boolean met(LoggingApp app) {
        if (!app.containing("PositionNotEqualToLength").isEmpty()) {
            return true;
        }
        return app.containing("had landed; continuing at position").stream().anyMatch(status -> {
            java.util.regex.Matcher m = LANDED_THEN_OTHERS.matcher(status.text);
            return m.find() && Long.parseLong(m.group(3)) != Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
        });
    }

    private void run(Framework fw, String compression, String prefix,
            java.util.function.Consumer<FaultInjector> faults) throws Exception {
        try (Store store = Store.start()) {
            faults.accept(store.emu().faults());
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
                CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                    try {
                        second.log(1500);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                first.log(1500);
                other.join();
                a.stop();
                b.stop();
                assertEquals(0, store.emu().faults().activeRules(), "every injected fault was met");
                assertEquals(0, a.reportedDrops() + b.reportedDrops());
                assertEquals(0, a.reportedUnflushed() + b.reportedUnflushed());
                assertTrue(met(a) || met(b), "the two writers met: " + a.statuses() + "\n" + b.statuses());
            }
            LineCheck check = LineCheck.of(store.text(prefix, compression), Workload.expected(first, second));
            assertTrue(check.perfect(), check.toString());
            assertEquals(6000, check.present);
        }
    }
}
